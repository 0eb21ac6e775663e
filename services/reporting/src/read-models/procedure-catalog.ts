import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { higherOnline, offeredOnline, versionInForce, type OnlineLevel, type VersionRow } from './procedure-facts';

/** One procedure the units of a report offer, at its highest online level among them. */
export interface OfferedProcedure {
  code: string;
  name: string;
  fieldCode: string | null;
  hasFee: boolean;
  online: OnlineLevel;
}

interface VersionRecord {
  code: string;
  version: number;
  name: string | null;
  field_code: string | null;
  has_fee: boolean | null;
  online: OnlineLevel | null;
  effective_from: string;
  published_at: Date | null;
  withdrawn_at: Date | null;
}

const toVersion = (row: VersionRecord): VersionRow => ({
  code: row.code,
  version: row.version,
  name: row.name,
  fieldCode: row.field_code,
  hasFee: row.has_fee,
  online: row.online,
  effectiveFrom: row.effective_from,
  publishedAt: row.published_at,
  withdrawnAt: row.withdrawn_at,
});

/** Reads the reporting copy of the catalog: which procedures are in force and what the units offer. */
@Injectable()
export class ProcedureCatalog {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The procedures the given units have adopted (and not suspended) that are in
   * force at `at`, each once: a procedure counts as offered online at the
   * highest level any of the units offers it (the national formula note: "01
   * TTHC được cung cấp cả DVCTT một phần và toàn trình thì tính cho mức cao nhất").
   */
  async offeredBy(unitCodes: readonly string[], at: Date): Promise<OfferedProcedure[]> {
    if (unitCodes.length === 0) return [];
    const adoptions: { procedure_code: string; online: OnlineLevel | null }[] = await this.dataSource.query(
      'SELECT procedure_code, online FROM procedure_adoptions WHERE active AND unit_code = ANY($1)',
      [unitCodes],
    );
    if (adoptions.length === 0) return [];
    const versions = await this.versionsOf([...new Set(adoptions.map((row) => row.procedure_code))]);
    const offered = new Map<string, OfferedProcedure>();
    for (const adoption of adoptions) {
      const version = versionInForce(versions.get(adoption.procedure_code) ?? [], at);
      if (!version) continue;
      const online = offeredOnline(version.online ?? 'none', adoption.online);
      const known = offered.get(version.code);
      offered.set(version.code, {
        code: version.code,
        name: version.name ?? version.code,
        fieldCode: version.fieldCode,
        hasFee: version.hasFee ?? false,
        online: known ? higherOnline(known.online, online) : online,
      });
    }
    return [...offered.values()];
  }

  /**
   * Of the given procedure codes, those that carry a fee: by the version in force
   * at `at`, or by the last version published when none is in force any more.
   */
  async feeBearing(codes: readonly string[], at: Date): Promise<Set<string>> {
    const versions = await this.versionsOf(codes);
    const result = new Set<string>();
    for (const [code, rows] of versions) {
      const published = rows.filter((row) => row.publishedAt);
      const version = versionInForce(rows, at) ?? published.sort((a, b) => b.version - a.version)[0];
      if (version?.hasFee) result.add(code);
    }
    return result;
  }

  private async versionsOf(codes: readonly string[]): Promise<Map<string, VersionRow[]>> {
    const byCode = new Map<string, VersionRow[]>();
    if (codes.length === 0) return byCode;
    const rows: VersionRecord[] = await this.dataSource.query(
      `SELECT code, version, name, field_code, has_fee, online, to_char(effective_from, 'YYYY-MM-DD') AS effective_from,
              published_at, withdrawn_at
         FROM procedure_versions WHERE code = ANY($1)`,
      [codes],
    );
    for (const row of rows) {
      const list = byCode.get(row.code) ?? [];
      list.push(toVersion(row));
      byCode.set(row.code, list);
    }
    return byCode;
  }
}
