import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, procedureWithdrawnV1, type ProcedureVersionView, type WithdrawVersionRequest } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { ProcedureVersion } from './procedure-version.entity';
import { lockProcedure, pick, requireProvinceAdmin, toVersionView, versionsOf } from './procedure-versions';

/**
 * Withdraws a published version from now on (see versionInForce for what
 * applies afterwards). Dossiers already received keep the version they hold.
 */
@Injectable()
export class WithdrawProcedureVersion {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: WithdrawVersionRequest, principal: Principal): Promise<ProcedureVersionView> {
    requireProvinceAdmin(principal, 'thu hồi thủ tục');
    return this.dataSource.transaction(async (manager) => {
      await lockProcedure(manager, input.code);
      const row = pick(await versionsOf(manager, input.code), input.code, input.version);
      if (row.status !== 'published') {
        const why = row.status === 'draft' ? 'chưa công bố nên không cần thu hồi' : 'đã được thu hồi trước đó';
        throw new AppError('ILLEGAL_TRANSITION', `Phiên bản ${row.version} của thủ tục ${input.code} ${why}.`, {
          code: input.code,
          version: row.version,
          status: row.status,
        });
      }
      const now = this.clock.now();
      const changes = { status: 'withdrawn' as const, withdrawnAt: now, withdrawnBy: principal.username, withdrawalReason: input.reason, updatedAt: now };
      Object.assign(row, changes);
      await manager.update(ProcedureVersion, { id: row.id }, changes);
      await this.outbox.add(manager, procedureWithdrawnV1, {
        code: row.procedureCode,
        version: row.version,
        effectiveFrom: row.effectiveFrom,
        reason: input.reason,
        withdrawnAt: now.toISOString(),
        withdrawnBy: principal.username,
      });
      return toVersionView(row);
    });
  }
}
