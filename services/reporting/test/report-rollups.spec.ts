import { openCountsChangedFrom } from '../src/read-models/open-counts';
import { counterRanges } from '../src/timeliness/periods';

describe('report roll-ups', () => {
  it('reads whole months from the month counters and only the edges from the day counters', () => {
    expect(counterRanges('2026-03-01', '2026-04-30')).toEqual([{ table: 'monthly_stats', column: 'month', from: '2026-03-01', until: '2026-05-01' }]);
    expect(counterRanges('2026-02-14', '2026-04-09')).toEqual([
      { table: 'daily_stats', column: 'day', from: '2026-02-14', until: '2026-03-01' },
      { table: 'monthly_stats', column: 'month', from: '2026-03-01', until: '2026-04-01' },
      { table: 'daily_stats', column: 'day', from: '2026-04-01', until: '2026-04-10' },
    ]);
    expect(counterRanges('2025-12-02', '2026-01-31')).toEqual([
      { table: 'daily_stats', column: 'day', from: '2025-12-02', until: '2026-01-01' },
      { table: 'monthly_stats', column: 'month', from: '2026-01-01', until: '2026-02-01' },
    ]);
    expect(counterRanges('2026-03-03', '2026-03-27')).toEqual([{ table: 'daily_stats', column: 'day', from: '2026-03-03', until: '2026-03-28' }]);
    expect(counterRanges('2026-02-14', '2026-03-31')).toEqual([
      { table: 'daily_stats', column: 'day', from: '2026-02-14', until: '2026-03-01' },
      { table: 'monthly_stats', column: 'month', from: '2026-03-01', until: '2026-04-01' },
    ]);
  });

  it('forgets kept open counts from the earliest instant a change of fact alters', () => {
    const fact = {
      receivedAt: '2026-03-10T02:00:00.000Z',
      finishedAt: null,
      dueAt: '2026-03-20T10:00:00.000Z',
      competentUnitCode: '05983',
      procedureCode: '1.000689',
      channelCode: 1,
      fieldCode: 'ho_tich',
    };
    const at = (iso: string) => Date.parse(iso);
    expect(openCountsChangedFrom(undefined, fact)).toBe(at(fact.receivedAt));
    expect(openCountsChangedFrom(fact, { ...fact })).toBeNull();
    expect(openCountsChangedFrom(fact, { ...fact, finishedAt: '2026-03-18T03:00:00.000Z' })).toBe(at('2026-03-18T03:00:00.000Z'));
    // A due date moved later changes who was overdue from the old due instant on.
    expect(openCountsChangedFrom(fact, { ...fact, dueAt: '2026-03-25T10:00:00.000Z' })).toBe(at(fact.dueAt));
    // Handed over to another unit: its rows change wherever it was counted, from its receipt on.
    expect(openCountsChangedFrom(fact, { ...fact, competentUnitCode: '05977', finishedAt: '2026-03-18T03:00:00.000Z' })).toBe(at(fact.receivedAt));
  });
});
