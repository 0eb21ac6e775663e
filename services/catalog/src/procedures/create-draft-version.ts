import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, parseInput, versionContentSchema, type CreateVersionRequest, type ProcedureVersionView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { ProcedureVersion } from './procedure-version.entity';
import { contentOf, lockProcedure, newVersion, notFound, requireProvinceAdmin, toVersionView, versionsOf } from './procedure-versions';

/**
 * Starts the next version of a procedure as a draft: a copy of the latest
 * version with the given changes, so an amendment is entered as what changed.
 */
@Injectable()
export class CreateDraftVersion {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: CreateVersionRequest, principal: Principal): Promise<ProcedureVersionView> {
    requireProvinceAdmin(principal, 'tạo phiên bản mới của thủ tục');
    return this.dataSource.transaction(async (manager) => {
      await lockProcedure(manager, input.code);
      const versions = await versionsOf(manager, input.code);
      const draft = versions.find((row) => row.status === 'draft');
      if (draft) {
        throw new AppError(
          'CONFLICT',
          `Thủ tục mã ${input.code} đang có bản nháp phiên bản ${draft.version}; hãy sửa và công bố bản nháp đó.`,
          { code: input.code, version: draft.version },
        );
      }
      const latest = versions.at(-1);
      if (!latest) throw notFound(input.code);
      const content = parseInput(versionContentSchema, { ...contentOf(latest), ...input.changes });
      const row = newVersion(input.code, latest.version + 1, content, principal.username, this.clock.now());
      await manager.insert(ProcedureVersion, row);
      return toVersionView(row);
    });
  }
}
