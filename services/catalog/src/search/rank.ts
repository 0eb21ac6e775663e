import { foldText, tokenize } from './fold';

/**
 * The distinct words of the catalogue, each with a number. Documents are kept
 * as arrays of word numbers and a query is compiled once into "how does this
 * query word match vocabulary word n", so ranking a document costs a few array
 * reads per word instead of string comparisons: 5,000 procedures rank in about
 * a millisecond.
 */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private readonly words: string[] = [];

  intern(word: string): number {
    let id = this.ids.get(word);
    if (id === undefined) {
      id = this.words.length;
      this.ids.set(word, id);
      this.words.push(word);
    }
    return id;
  }

  get size(): number {
    return this.words.length;
  }

  /** For every vocabulary word: WHOLE if it is `word`, PREFIX if it starts with it, else 0. */
  matchesOf(word: string): Uint8Array {
    const marks = new Uint8Array(this.words.length);
    this.words.forEach((candidate, id) => {
      if (candidate === word) marks[id] = WHOLE;
      else if (word.length >= MIN_PREFIX && candidate.startsWith(word)) marks[id] = PREFIX;
    });
    return marks;
  }
}

const WHOLE = 2;
const PREFIX = 1;
/** A word this short matches only whole words: as a prefix it would match nearly everything. */
const MIN_PREFIX = 2;
const CODE_LIKE = /^[0-9][0-9a-z.]*$/;

/** What the ranking looks at in a procedure, folded once when the index is built. */
export interface SearchDocument {
  code: string;
  name: Int32Array;
  field: Int32Array;
  /**
   * Words of the name outside parentheses. Official names often end with a
   * clarification in parentheses ("(áp dụng cho cả trường hợp …)"); it narrows
   * who may use the procedure, not what the procedure is, so it must not make
   * the name look less specific than its siblings.
   */
  coreLength: number;
}

export function toSearchDocument(vocabulary: Vocabulary, code: string, name: string, fieldName: string): SearchDocument {
  const words = Int32Array.from(tokenize(name), (word) => vocabulary.intern(word));
  return {
    code: code.toLowerCase(),
    name: words,
    field: Int32Array.from(tokenize(fieldName), (word) => vocabulary.intern(word)),
    coreLength: name.includes('(') ? tokenize(name.replace(/\([^)]*\)/g, ' ')).length : words.length,
  };
}

export interface SearchQuery {
  /** Set when the query looks like a procedure code (starts with a digit): only codes are matched then. */
  code: string | null;
  words: string[];
}

export function parseQuery(text: string): SearchQuery {
  const compact = foldText(text).replace(/\s+/g, '');
  if (CODE_LIKE.test(compact)) return { code: compact, words: [] };
  return { code: null, words: [...new Set(tokenize(text))] };
}

/** A query ready to rank documents built with the same vocabulary. */
export interface CompiledQuery {
  code: string | null;
  /** One table per query word, indexed by vocabulary word number. */
  marks: Uint8Array[];
  /** Per query word, the numbers of the vocabulary words it matches. */
  matching: number[][];
}

export function compileQuery(query: SearchQuery, vocabulary: Vocabulary): CompiledQuery {
  const marks = query.words.map((word) => vocabulary.matchesOf(word));
  const matching = marks.map((table) => {
    const ids: number[] = [];
    for (let id = 0; id < table.length; id += 1) if (table[id] > 0) ids.push(id);
    return ids;
  });
  return { code: query.code, marks, matching };
}

/** For every vocabulary word, the (ascending) positions of the documents whose name or field contains it. */
export function buildPostings(documents: readonly SearchDocument[], vocabulary: Vocabulary): Int32Array[] {
  const lists: number[][] = Array.from({ length: vocabulary.size }, () => []);
  documents.forEach((document, position) => {
    for (const words of [document.name, document.field]) {
      for (const id of words) {
        const list = lists[id];
        if (list[list.length - 1] !== position) list.push(position);
      }
    }
  });
  return lists.map((list) => Int32Array.from(list));
}

/**
 * The positions, ascending, of the documents that contain enough query words
 * to match a text query (see rankDocument), or null when every document must
 * be looked at (a code or an empty query). Most of the catalogue shares no
 * word with a given query, and this skips it without looking.
 */
export function candidates(query: CompiledQuery, postings: Int32Array[], count: number): number[] | null {
  if (query.code !== null || query.matching.length === 0) return null;
  const needed = Math.ceil(query.matching.length / 2);
  const hits = new Uint8Array(count);
  const lastWord = new Int32Array(count).fill(-1);
  query.matching.forEach((ids, word) => {
    for (const id of ids) {
      for (const position of postings[id]) {
        if (lastWord[position] !== word) {
          lastWord[position] = word;
          hits[position] += 1;
        }
      }
    }
  });
  const positions: number[] = [];
  for (let position = 0; position < count; position += 1) if (hits[position] >= needed) positions.push(position);
  return positions;
}

/** rankDocument's answer for a document that does not match. */
export const NO_MATCH = -1;

/**
 * The rank as one number, higher first, so that sorting compares numbers. From
 * the most to the least significant part:
 * - code: 3 exact, 2 the code starts with the query, 1 contains it, 0 text query;
 * - matched: query words found in the name or the field;
 * - inName: query words found in the name;
 * - phrase: longest run of query words found next to each other, in order, in the name;
 * - whole: query words equal to a whole word of the name (the rest are prefixes);
 * - how early the first matching word stands in the name;
 * - how short the name is (outside parentheses): the shorter, the more specific.
 */
function score(code: number, matched: number, inName: number, phrase: number, whole: number, firstPosition: number, length: number): number {
  let value = code * 32 + Math.min(matched, 31);
  value = value * 32 + Math.min(inName, 31);
  value = value * 32 + Math.min(phrase, 31);
  value = value * 32 + Math.min(whole, 31);
  value = value * 64 + 63 - Math.min(firstPosition, 63);
  return value * 128 + 127 - Math.min(length, 127);
}

/**
 * How well a procedure answers a query (see score), or NO_MATCH. A text query
 * needs at least half of its words (rounded up) to match, so that a long
 * question still finds its procedure while one shared word ("cấp", "đăng ký")
 * does not list the whole catalogue.
 */
export function rankDocument(document: SearchDocument, query: CompiledQuery): number {
  if (query.code !== null) {
    const code =
      document.code === query.code ? 3 : document.code.startsWith(query.code) ? 2 : query.code.length >= 4 && document.code.includes(query.code) ? 1 : 0;
    // Among code matches only the code counts; the caller orders equal ranks by code.
    return code > 0 ? score(code, 0, 0, 0, 0, 0, 0) : NO_MATCH;
  }
  const { marks } = query;
  const { name, field } = document;
  // Without words everything matches equally: the listing stays in the caller's (name) order.
  if (marks.length === 0) return 0;

  let matched = 0;
  let inName = 0;
  let whole = 0;
  let firstPosition = Number.MAX_SAFE_INTEGER;
  let phrase = 0;
  let run = 0;
  let previous = -1;
  for (let j = 0; j < marks.length; j += 1) {
    const word = marks[j];
    // A word right after the previous word's match continues the phrase, even if it also occurs earlier.
    let at = -1;
    let kind = previous >= 0 && previous + 1 < name.length ? word[name[previous + 1]] : 0;
    if (kind > 0) {
      at = previous + 1;
    } else {
      // Otherwise the first whole-word occurrence, else the first prefix.
      for (let i = 0; i < name.length; i += 1) {
        const mark = word[name[i]];
        if (mark === WHOLE) {
          at = i;
          kind = WHOLE;
          break;
        }
        if (mark === PREFIX && at < 0) {
          at = i;
          kind = PREFIX;
        }
      }
    }
    if (at >= 0) {
      matched += 1;
      inName += 1;
      if (kind === WHOLE) whole += 1;
      if (at < firstPosition) firstPosition = at;
      run = previous >= 0 && at === previous + 1 ? run + 1 : 1;
      if (run > phrase) phrase = run;
    } else {
      run = 0;
      for (let i = 0; i < field.length; i += 1) {
        if (word[field[i]] > 0) {
          matched += 1;
          break;
        }
      }
    }
    previous = at;
  }
  if (matched < Math.ceil(marks.length / 2)) return NO_MATCH;
  return score(0, matched, inName, phrase, whole, firstPosition, document.coreLength);
}
