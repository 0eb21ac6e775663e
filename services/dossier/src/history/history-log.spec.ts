import { canonicalJson, chainHash, HistoryLog, type HistoryEntry, type HistoryRow } from './history-log';

const entry = (seq: number, reason: string | null = null): HistoryEntry => ({
  seq,
  dossierId: '7f1c2d9e-1111-4a4a-8b8b-000000000001',
  at: '2026-02-12T03:00:00.000Z',
  actor: { subject: 's', username: 'tiepnhan.lvt', role: 'clerk', unit: '05983' },
  action: seq === 1 ? 'receive' : 'hand_over',
  reason,
  before: { state: null, step: null },
  after: { state: 'in_progress', step: 'tiep-nhan' },
  details: {},
});

const chain = (entries: HistoryEntry[]): HistoryRow[] => {
  let previous = '0'.repeat(64);
  return entries.map((item) => {
    const hash = chainHash(previous, item);
    const row = { seq: item.seq, entry: item, prev_hash: previous, hash };
    previous = hash;
    return row;
  });
};

describe('history hash chain', () => {
  it('hashes the same entry the same whatever the key order (jsonb reorders keys)', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"e":0,"f":1}]},"b":1}');
  });

  it('names the first entry whose content, link or order was changed', () => {
    const log = new HistoryLog();
    const rows = chain([entry(1), entry(2), entry(3)]);
    expect(log.firstBadEntry(rows)).toBeNull();
    expect(log.firstBadEntry(rows.map((row) => (row.seq === 2 ? { ...row, entry: { ...row.entry, reason: 'sửa' } } : row)))).toBe(2);
    expect(log.firstBadEntry([rows[0]!, rows[2]!])).toBe(3);
  });
});
