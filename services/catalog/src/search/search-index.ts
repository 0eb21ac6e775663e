import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { fieldName, type ProcedureSearchHit } from '@mc/contracts';
import { vietnamDate } from '@mc/working-calendar';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { versionInForce } from '../procedures/version-in-force';
import { foldText } from './fold';
import { buildPostings, toSearchDocument, Vocabulary, type SearchDocument } from './rank';

export interface IndexedProcedure {
  hit: ProcedureSearchHit;
  document: SearchDocument;
}

/** The procedures in force, in name order, the vocabulary their documents are written in, and its postings. */
export interface SearchSnapshot {
  entries: IndexedProcedure[];
  vocabulary: Vocabulary;
  postings: Int32Array[];
}

interface LoadedRows {
  revision: string;
  byCode: Map<string, VersionRow[]>;
}

interface VersionRow {
  code: string;
  version: number;
  status: 'published' | 'withdrawn';
  effectiveFrom: string;
  withdrawnAt: Date | null;
  name: string;
  field: ProcedureSearchHit['field'];
  level: ProcedureSearchHit['level'];
  agencyName: string;
  processingTime: ProcedureSearchHit['processingTime'];
  online: ProcedureSearchHit['online'];
}

/**
 * The public catalogue in memory: the published version in force of every
 * procedure, folded for search. A province has a few thousand procedures, so
 * ranking all of them in process takes about a millisecond, and the ranking
 * rules stay plain TypeScript (a pg_trgm index with the ranking in SQL took
 * 38 ms p50 on the same data: docs/benchmarks.md, "Catalog search").
 *
 * Freshness: each search reads `search_revision` (one indexed row), which a
 * trigger bumps whenever a published or withdrawn version is written, so a
 * replica never answers from a catalogue older than the last commit. The
 * versions are reloaded only when it moved; the version in force is
 * recomputed when it moved or when the Vietnamese day changed (a version
 * takes effect at midnight).
 */
@Injectable()
export class SearchIndex {
  private rows: LoadedRows | null = null;
  private loading: { revision: string; rows: Promise<LoadedRows> } | null = null;
  private built: { revision: string; day: string; snapshot: SearchSnapshot } | null = null;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async snapshot(): Promise<SearchSnapshot> {
    const now = this.clock.now();
    const [{ revision }] = (await this.dataSource.query('SELECT revision::text AS revision FROM search_revision WHERE id = 1')) as {
      revision: string;
    }[];
    const rows = this.rows?.revision === revision ? this.rows : await this.load(revision);
    const day = vietnamDate(now);
    if (this.built?.revision !== rows.revision || this.built.day !== day) {
      this.built = { revision: rows.revision, day, snapshot: this.build(rows.byCode, now) };
    }
    return this.built.snapshot;
  }

  /**
   * Concurrent searches that saw the same new revision share one reload; a
   * reload started for an older revision may have read before the change, so
   * it is not shared.
   */
  private load(revision: string): Promise<LoadedRows> {
    let loading = this.loading;
    if (loading?.revision !== revision) {
      const started = { revision, rows: this.fetch(revision) };
      // A failed reload must not be handed to the next searches.
      started.rows.catch(() => {
        if (this.loading === started) this.loading = null;
      });
      this.loading = loading = started;
    }
    return loading.rows;
  }

  private async fetch(revision: string): Promise<LoadedRows> {
    const rows: VersionRow[] = await this.dataSource.query(`
      SELECT procedure_code AS code, version, status, effective_from::text AS "effectiveFrom", withdrawn_at AS "withdrawnAt",
             name, field, level, content->'agency'->>'name' AS "agencyName", content->'processingTime' AS "processingTime",
             content->'channels'->>'online' AS online
        FROM procedure_versions
       WHERE status <> 'draft'`);
    const byCode = new Map<string, VersionRow[]>();
    for (const row of rows) {
      const versions = byCode.get(row.code);
      if (versions) versions.push(row);
      else byCode.set(row.code, [row]);
    }
    // Rows read after the revision may already include later changes: the next search reloads then.
    const loaded = { revision, byCode };
    if (!this.rows || BigInt(this.rows.revision) < BigInt(revision)) this.rows = loaded;
    return loaded;
  }

  private build(byCode: Map<string, VersionRow[]>, now: Date): SearchSnapshot {
    const vocabulary = new Vocabulary();
    const entries: IndexedProcedure[] = [];
    for (const versions of byCode.values()) {
      const row = versionInForce(versions, now);
      if (!row) continue;
      const field = fieldName(row.field);
      entries.push({
        hit: {
          code: row.code,
          name: row.name,
          field: row.field,
          fieldName: field,
          level: row.level,
          agencyName: row.agencyName,
          processingTime: row.processingTime,
          online: row.online,
          version: row.version,
          effectiveFrom: row.effectiveFrom,
        },
        document: toSearchDocument(vocabulary, row.code, row.name, field),
      });
    }
    // Name order (folded, then code) is what an empty query lists and how equal ranks stay ordered.
    const key = (entry: IndexedProcedure) => `${foldText(entry.hit.name)}\u0000${entry.hit.code}`;
    const keyed = entries.map((entry) => ({ entry, key: key(entry) }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const sorted = keyed.map(({ entry }) => entry);
    return { entries: sorted, vocabulary, postings: buildPostings(sorted.map((entry) => entry.document), vocabulary) };
  }
}
