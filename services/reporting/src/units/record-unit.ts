import { Injectable } from '@nestjs/common';
import { unitCreatedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const REPORTING_UNITS_CONSUMER = 'reporting.units';

/**
 * Keeps the reports' copy of the unit tree: names for the rows and paths for
 * subtree roll-ups. A redelivered event changes nothing; an older event handled
 * after a newer one (created and changed come through separate consumers)
 * does not overwrite it.
 */
@Injectable()
export class RecordUnit {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<boolean> {
    // Created and changed carry the same data.
    const unit = unitCreatedV1.schema.parse(event.data);
    return this.inbox.handleOnce(REPORTING_UNITS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO units (code, name, kind, parent_code, path, valid_to, source_event_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO UPDATE
           SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code, path = EXCLUDED.path,
               valid_to = EXCLUDED.valid_to, source_event_at = EXCLUDED.source_event_at
           WHERE units.source_event_at <= EXCLUDED.source_event_at`,
        [unit.code, unit.name, unit.kind, unit.parentCode, unit.path, unit.validTo, event.occurredAt],
      );
    });
  }
}
