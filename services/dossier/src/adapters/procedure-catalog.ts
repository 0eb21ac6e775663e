import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, PROCEDURE_FIELDS, type ProcedureVersionView, type VersionContent } from '@mc/contracts';
import { ReadModelCache } from '../read-models/read-model-cache';
import { ReadModelFreshness } from '../read-models/read-model-freshness';

/** The procedure version a dossier is received under; the use cases know nothing else about the catalog. */
export interface ProcedureCatalog {
  versionInForce(code: string, at: Date): Promise<ProcedureVersionView>;
}
export const PROCEDURE_CATALOG = Symbol('PROCEDURE_CATALOG');

interface VersionRow {
  code: string;
  version: number;
  content: VersionContent | null;
  effective_from: string;
  published_at: Date | null;
  withdrawn_at: Date | null;
  withdrawal_reason: string | null;
}

const startOfVietnamDay = (day: string) => new Date(`${day}T00:00:00+07:00`);
const vietnameseDate = (instant: Date) => new Date(instant.getTime() + 7 * 3_600_000).toISOString().slice(0, 10).split('-').reverse().join('/');
const FIELD_NAMES: Record<string, string> = Object.fromEntries(PROCEDURE_FIELDS.map((field) => [field.code, field.name]));

/**
 * The catalog's rule (services/catalog/src/procedures/version-in-force.ts) on
 * the versions published: the one with the latest effective date not after
 * the instant among those that took effect (one withdrawn before its effective
 * date never did); when that one has been withdrawn, nothing applies.
 */
function inForce(versions: VersionRow[], at: Date): VersionRow | null {
  let applicable: VersionRow | null = null;
  for (const version of versions) {
    const from = startOfVietnamDay(version.effective_from);
    const tookEffect = !version.withdrawn_at || version.withdrawn_at > from;
    if (!tookEffect || from > at) continue;
    if (!applicable || version.effective_from > applicable.effective_from) applicable = version;
  }
  return applicable?.withdrawn_at && applicable.withdrawn_at <= at ? null : applicable;
}

/** The versions the catalog published, kept in this service's schema (read-models/record-procedure-version.ts). */
@Injectable()
export class LocalProcedureCatalog implements ProcedureCatalog {
  private readonly versions: ReadModelCache<VersionRow[]>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly freshness: ReadModelFreshness,
  ) {
    this.versions = new ReadModelCache(freshness, 'procedures');
  }

  async versionInForce(code: string, at: Date): Promise<ProcedureVersionView> {
    this.freshness.require('procedures');
    const known = await this.applicable(code, at);
    if (known) return known;
    // A procedure published a moment ago may still be on its way here.
    await this.freshness.settle('procedures');
    const settled = await this.applicable(code, at);
    if (settled) return settled;
    if ((await this.versionsOf(code)).length === 0) throw new AppError('NOT_FOUND', `Không tìm thấy thủ tục mã ${code} trong danh mục của tỉnh.`, { code });
    throw new AppError('SERVICE_UNAVAILABLE', `Dữ liệu danh mục chưa cập nhật đủ phiên bản của thủ tục mã ${code}. Vui lòng thử lại sau ít phút.`, { code });
  }

  /** The version in force, or undefined when what is known here may not be the whole story yet. */
  private async applicable(code: string, at: Date): Promise<ProcedureVersionView | undefined> {
    const versions = await this.versionsOf(code);
    if (versions.length === 0) return undefined;
    const row = inForce(versions, at);
    if (!row) {
      throw new AppError('NOT_FOUND', `Thủ tục mã ${code} không có phiên bản nào có hiệu lực vào ngày ${vietnameseDate(at)}.`, { code, at: at.toISOString() });
    }
    // Its withdrawal was handled before its publication, which is on its way.
    if (!row.content) return undefined;
    const publishedAt = row.published_at ? new Date(row.published_at).toISOString() : null;
    return {
      ...row.content,
      code: row.code,
      version: row.version,
      status: row.withdrawn_at ? 'withdrawn' : 'published',
      fieldName: FIELD_NAMES[row.content.field] ?? row.content.field,
      createdAt: publishedAt ?? new Date(0).toISOString(),
      publishedAt,
      withdrawnAt: row.withdrawn_at ? new Date(row.withdrawn_at).toISOString() : null,
      withdrawalReason: row.withdrawal_reason,
    };
  }

  private async versionsOf(code: string): Promise<VersionRow[]> {
    const versions = await this.versions.get(code, async () => {
      const rows: VersionRow[] = await this.dataSource.query(
        `SELECT code, version, content, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, published_at, withdrawn_at, withdrawal_reason
           FROM known_procedure_versions WHERE code = $1 ORDER BY version`,
        [code],
      );
      return rows.length ? rows : undefined;
    });
    return versions ?? [];
  }
}
