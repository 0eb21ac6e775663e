import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ProcedureVersionSummary } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { canSeeDrafts, notFound, toVersionSummary, versionsOf } from './procedure-versions';

/** The history of a procedure; drafts are shown to province admins only. */
@Injectable()
export class ListProcedureVersions {
  constructor(private readonly dataSource: DataSource) {}

  async execute(code: string, principal: Principal | null): Promise<ProcedureVersionSummary[]> {
    const drafts = canSeeDrafts(principal);
    const versions = (await versionsOf(this.dataSource.manager, code)).filter((row) => drafts || row.status !== 'draft');
    if (versions.length === 0) throw notFound(code);
    return versions.map(toVersionSummary);
  }
}
