import { Injectable } from '@nestjs/common';
import { procedureWithdrawnV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';
import { PROCEDURES_CONSUMER } from './record-procedure-version';

/**
 * Records that a version was withdrawn, from when: receipts after that instant
 * no longer fall under it. Handled before its publication (the two come
 * through separate consumers), the row waits for the content.
 */
@Injectable()
export class RecordProcedureWithdrawal {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<boolean> {
    const withdrawn = procedureWithdrawnV1.schema.parse(event.data);
    return this.inbox.handleOnce(PROCEDURES_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO known_procedure_versions (code, version, effective_from, withdrawn_at, withdrawal_reason) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code, version) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at, withdrawal_reason = EXCLUDED.withdrawal_reason`,
        [withdrawn.code, withdrawn.version, withdrawn.effectiveFrom, withdrawn.withdrawnAt, withdrawn.reason],
      );
    });
  }
}
