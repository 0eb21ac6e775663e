import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, type ProcedureSearchPage, type SearchProceduresRequest } from '@mc/contracts';
import { candidates, compileQuery, NO_MATCH, parseQuery, rankDocument } from './rank';
import { SearchIndex, type IndexedProcedure } from './search-index';

const DEFAULT_LIMIT = 20;

/**
 * Public search of the procedures in force, for citizens and clerks alike:
 * by code, name or field, typed with or without Vietnamese marks.
 */
@Injectable()
export class SearchProcedures {
  constructor(private readonly index: SearchIndex) {}

  async execute(input: SearchProceduresRequest): Promise<ProcedureSearchPage> {
    const { entries, vocabulary, postings } = await this.index.snapshot();
    const query = compileQuery(parseQuery(input.q ?? ''), vocabulary);
    const fingerprint = queryFingerprint(input);
    const offset = input.cursor !== undefined ? readCursor(input.cursor, fingerprint) : (input.offset ?? 0);
    const limit = input.limit ?? DEFAULT_LIMIT;

    const found: IndexedProcedure[] = [];
    const scores: number[] = [];
    const pool = candidates(query, postings, entries.length);
    const count = pool ? pool.length : entries.length;
    for (let i = 0; i < count; i += 1) {
      const entry = entries[pool ? pool[i] : i];
      if ((input.field && entry.hit.field !== input.field) || (input.level && entry.hit.level !== input.level)) continue;
      const score = rankDocument(entry.document, query);
      if (score === NO_MATCH) continue;
      found.push(entry);
      scores.push(score);
    }
    // The index is in name order, so equal ranks stay alphabetical (an empty query is not sorted at all);
    // codes found by code are listed by code.
    const next = offset + limit;
    const page =
      query.code !== null
        ? firstInOrder(found.length, next, (a, b) => scores[b] - scores[a] || compareText(found[a].hit.code, found[b].hit.code))
        : query.marks.length > 0
          ? firstInOrder(found.length, next, (a, b) => scores[b] - scores[a] || a - b)
          : Array.from(found.keys()).slice(0, next);
    return {
      items: page.slice(offset).map((index) => found[index].hit),
      total: found.length,
      limit,
      offset,
      nextCursor: next < found.length ? writeCursor(next, fingerprint) : null,
    };
  }
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The first `count` of 0…total−1 in the given order. A page needs the best few
 * of thousands of matches: keeping a short sorted list costs a comparison per
 * match instead of sorting them all.
 */
function firstInOrder(total: number, count: number, compare: (a: number, b: number) => number): number[] {
  if (count * 4 >= total) return Array.from({ length: total }, (_, index) => index).sort(compare).slice(0, count);
  const best: number[] = [];
  for (let candidate = 0; candidate < total; candidate += 1) {
    if (best.length === count && compare(candidate, best[count - 1]) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (compare(candidate, best[middle]) < 0) high = middle;
      else low = middle + 1;
    }
    best.splice(low, 0, candidate);
    if (best.length > count) best.pop();
  }
  return best;
}

/** Ties a cursor to the query it came from, so it cannot page through a different one. */
const queryFingerprint = (input: SearchProceduresRequest): string =>
  createHash('sha256')
    .update(JSON.stringify([input.q ?? '', input.field ?? '', input.level ?? '']))
    .digest('base64url')
    .slice(0, 8);

const writeCursor = (offset: number, fingerprint: string): string => Buffer.from(`${offset}.${fingerprint}`).toString('base64url');

function readCursor(cursor: string, fingerprint: string): number {
  const [offset, tag] = Buffer.from(cursor, 'base64url').toString().split('.');
  if (tag !== fingerprint || !/^\d{1,6}$/.test(offset ?? '')) {
    throw new AppError('VALIDATION_FAILED', 'Con trỏ phân trang không hợp lệ hoặc thuộc một lần tìm kiếm khác; hãy tìm kiếm lại từ trang đầu.');
  }
  return Number(offset);
}
