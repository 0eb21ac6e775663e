import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, parseInput, versionContentSchema, type ProcedureVersionView, type UpdateVersionRequest } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { ProcedureVersion } from './procedure-version.entity';
import { contentOf, lockProcedure, pick, requireProvinceAdmin, statusName, toVersionView, versionsOf } from './procedure-versions';

/** Edits a draft. Once published a version is a legal text that dossiers point to, so it never changes. */
@Injectable()
export class UpdateDraftVersion {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: UpdateVersionRequest, principal: Principal): Promise<ProcedureVersionView> {
    requireProvinceAdmin(principal, 'sửa thủ tục');
    return this.dataSource.transaction(async (manager) => {
      await lockProcedure(manager, input.code);
      const row = pick(await versionsOf(manager, input.code), input.code, input.version);
      if (row.status !== 'draft') {
        throw new AppError(
          'ILLEGAL_TRANSITION',
          `Phiên bản ${row.version} của thủ tục ${input.code} ${statusName(row.status)}, không được sửa; hãy tạo phiên bản mới.`,
          { code: input.code, version: row.version, status: row.status },
        );
      }
      const { name, field, level, effectiveFrom, ...details } = parseInput(versionContentSchema, { ...contentOf(row), ...input.changes });
      Object.assign(row, { name, field, level, effectiveFrom, content: details, updatedAt: this.clock.now() });
      await manager.update(
        ProcedureVersion,
        { id: row.id },
        { name, field, level, effectiveFrom, content: details, updatedAt: row.updatedAt },
      );
      return toVersionView(row);
    });
  }
}
