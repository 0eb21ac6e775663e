import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProcedureVersionView, VersionRef } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { canSeeDrafts, pick, toVersionView, versionsOf } from './procedure-versions';

/** One version as it was published (or, for a province admin, a draft being prepared). */
@Injectable()
export class GetProcedureVersion {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: VersionRef, principal: Principal | null): Promise<ProcedureVersionView> {
    const visible = (await versionsOf(this.dataSource.manager, input.code)).filter(
      (row) => row.status !== 'draft' || canSeeDrafts(principal),
    );
    return toVersionView(pick(visible, input.code, input.version));
  }
}
