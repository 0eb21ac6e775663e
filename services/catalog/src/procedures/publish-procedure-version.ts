import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, procedurePublishedV1, type ProcedureVersionView, type VersionRef } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { ProcedureVersion } from './procedure-version.entity';
import {
  contentOf,
  lockProcedure,
  pick,
  requireProvinceAdmin,
  statusName,
  toVersionView,
  versionsOf,
  vietnameseDate,
} from './procedure-versions';
import { tookEffect } from './version-in-force';

/**
 * Publishes a draft. Its effective date must come after that of every version
 * that applies or will apply, so the versions form one timeline and a later
 * publication never changes which version applied on an earlier day.
 */
@Injectable()
export class PublishProcedureVersion {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: VersionRef, principal: Principal): Promise<ProcedureVersionView> {
    requireProvinceAdmin(principal, 'công bố thủ tục');
    return this.dataSource.transaction(async (manager) => {
      await lockProcedure(manager, input.code);
      const versions = await versionsOf(manager, input.code);
      const row = pick(versions, input.code, input.version);
      if (row.status !== 'draft') {
        throw new AppError('ILLEGAL_TRANSITION', `Phiên bản ${row.version} của thủ tục ${input.code} ${statusName(row.status)}.`, {
          code: input.code,
          version: row.version,
          status: row.status,
        });
      }
      const blocking = versions.filter((other) => tookEffect(other) && other.effectiveFrom >= row.effectiveFrom).pop();
      if (blocking) {
        throw new AppError(
          'CONFLICT',
          `Ngày có hiệu lực ${vietnameseDate(row.effectiveFrom)} phải sau ngày có hiệu lực của phiên bản ${blocking.version} (${vietnameseDate(blocking.effectiveFrom)}); hãy sửa ngày có hiệu lực của bản nháp.`,
          { code: input.code, version: row.version, conflictsWith: blocking.version },
        );
      }
      const now = this.clock.now();
      Object.assign(row, { status: 'published', publishedAt: now, publishedBy: principal.username, updatedAt: now });
      await manager.update(ProcedureVersion, { id: row.id }, { status: 'published', publishedAt: now, publishedBy: principal.username, updatedAt: now });
      await this.outbox.add(manager, procedurePublishedV1, {
        code: row.procedureCode,
        version: row.version,
        content: contentOf(row),
        publishedAt: now.toISOString(),
        publishedBy: principal.username,
      });
      return toVersionView(row);
    });
  }
}
