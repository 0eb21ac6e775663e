import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type RetryReceipt } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { messageScope } from './staff-scope';

/** A clerk sends a dead letter again (the number was corrected with the provider, the outage is over): attempts start afresh. */
@Injectable()
export class RetryDeadLetter {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(messageId: string, principal: Principal): Promise<RetryReceipt> {
    const scope = messageScope(principal);
    const [updated]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE messages m SET status = 'pending', attempts = 0, next_attempt_at = $4
         FROM messages target LEFT JOIN dossiers d ON d.id = target.dossier_id
        WHERE m.id = target.id AND m.id = $1 AND m.status = 'dead' AND ($2 OR d.receiving_unit_code = ANY ($3)) RETURNING m.id`,
      [messageId, scope.all, scope.units, this.clock.now()],
    );
    if (!updated.length) throw new AppError('NOT_FOUND', 'Không có tin không gửi được với mã này trong phạm vi của ông/bà (có thể đã được gửi lại).');
    return { id: messageId, status: 'pending' };
  }
}
