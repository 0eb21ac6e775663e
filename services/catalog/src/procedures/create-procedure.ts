import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type CreateProcedureRequest, type ProcedureVersionView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { ProcedureVersion } from './procedure-version.entity';
import { newVersion, requireProvinceAdmin, toVersionView } from './procedure-versions';

/** Takes a national procedure into the province's catalogue as draft version 1. */
@Injectable()
export class CreateProcedure {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: CreateProcedureRequest, principal: Principal): Promise<ProcedureVersionView> {
    requireProvinceAdmin(principal, 'thêm thủ tục vào danh mục');
    const { code, ...content } = input;
    return this.dataSource.transaction(async (manager) => {
      const now = this.clock.now();
      const inserted: unknown[] = await manager.query(
        'INSERT INTO procedures (code, created_at, created_by) VALUES ($1, $2, $3) ON CONFLICT (code) DO NOTHING RETURNING code',
        [code, now, principal.username],
      );
      if (inserted.length === 0) {
        throw new AppError(
          'CONFLICT',
          `Thủ tục mã ${code} đã có trong danh mục; để thay đổi, hãy tạo phiên bản mới của thủ tục này.`,
          { code },
        );
      }
      const draft = newVersion(code, 1, content, principal.username, now);
      await manager.insert(ProcedureVersion, draft);
      return toVersionView(draft);
    });
  }
}
