import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { HistoryEntryView } from '@mc/contracts';

/** What is chained and stored: the entry as callers see it, less what is derived from it (display, hash). */
export type HistoryEntry = Omit<HistoryEntryView, 'atDisplay' | 'hash'> & { dossierId: string };

export interface HistoryRow {
  seq: number;
  entry: HistoryEntry;
  prev_hash: string;
  hash: string;
}

const GENESIS = '0'.repeat(64);

/**
 * JSON with object keys sorted at every depth: jsonb does not keep key order,
 * so the bytes hashed must not depend on how an entry was stored.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
}

export const chainHash = (previous: string, entry: HistoryEntry): string =>
  createHash('sha256').update(previous).update(canonicalJson(entry)).digest('hex');

/**
 * The dossier's history as a hash chain: each entry's hash covers the previous
 * hash, so changing or removing any row breaks every hash after it.
 */
@Injectable()
export class HistoryLog {
  /** Appends in the caller's transaction; the caller holds the dossier row lock, so seq cannot race. */
  async append(manager: EntityManager, entry: Omit<HistoryEntry, 'seq'>): Promise<HistoryEntry> {
    const [last]: { seq: number; hash: string }[] = await manager.query(
      'SELECT seq, hash FROM dossier_history WHERE dossier_id = $1 ORDER BY seq DESC LIMIT 1',
      [entry.dossierId],
    );
    const row = this.next(last ?? null, entry);
    await manager.query('INSERT INTO dossier_history (dossier_id, seq, entry, prev_hash, hash) VALUES ($1, $2, $3, $4, $5)', [
      entry.dossierId,
      row.seq,
      JSON.stringify(row.entry),
      row.prev_hash,
      row.hash,
    ]);
    return row.entry;
  }

  /** The row that follows `last` (null for a new dossier's first entry), for a caller that writes it itself. */
  next(last: { seq: number; hash: string } | null, entry: Omit<HistoryEntry, 'seq'>): HistoryRow {
    const full: HistoryEntry = { ...entry, seq: (last?.seq ?? 0) + 1 };
    const previous = last?.hash ?? GENESIS;
    return { seq: full.seq, entry: full, prev_hash: previous, hash: chainHash(previous, full) };
  }

  async read(manager: EntityManager, dossierId: string): Promise<HistoryRow[]> {
    return manager.query('SELECT seq, entry, prev_hash, hash FROM dossier_history WHERE dossier_id = $1 ORDER BY seq', [dossierId]);
  }

  /** The first entry whose stored links or hash do not match a recomputation from the start; null when intact. */
  firstBadEntry(rows: HistoryRow[]): number | null {
    let previous = GENESIS;
    for (const [index, row] of rows.entries()) {
      const expectedSeq = index + 1;
      if (row.seq !== expectedSeq || row.entry.seq !== row.seq || row.prev_hash !== previous || chainHash(previous, row.entry) !== row.hash) {
        return row.seq;
      }
      previous = row.hash;
    }
    return null;
  }
}
