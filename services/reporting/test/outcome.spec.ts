import { outcomeOf } from '../src/read-models/outcome';

describe('outcome of a finished dossier', () => {
  const due = '2026-03-10T17:00:00+07:00';
  const returned = (finishedAt: string, flags: Partial<{ onTime: boolean; lateForReporting: boolean }> = {}) =>
    outcomeOf({ event: 'returned', onTime: true, lateForReporting: false, finishedAt, dueAt: due, ...flags });

  it('counts a return on an earlier Vietnamese day than the due date as early', () => {
    expect(returned('2026-03-09T16:59:00+07:00')).toBe('early');
    // 23:30 UTC on the 9th is already the 10th in Vietnam: the due day itself.
    expect(returned('2026-03-09T23:30:00Z')).toBe('on_time');
    expect(returned('2026-03-09T16:59:59Z')).toBe('early');
    expect(returned('2026-03-09T17:00:00Z')).toBe('on_time');
  });

  it('counts a return on the due day, before the due instant, as on time', () => {
    expect(returned('2026-03-10T08:00:00+07:00')).toBe('on_time');
  });

  it('counts a return past due, or after more than one supplement request, as late', () => {
    expect(returned('2026-03-10T17:30:00+07:00', { onTime: false })).toBe('late');
    expect(returned('2026-03-02T09:00:00+07:00', { lateForReporting: true })).toBe('late');
  });

  it('keeps refusals, withdrawals and stops in their own columns whatever the dates', () => {
    for (const event of ['refused', 'withdrawn', 'stopped'] as const) {
      expect(outcomeOf({ event, onTime: false, lateForReporting: true, finishedAt: '2026-03-20T09:00:00+07:00', dueAt: due })).toBe(event);
    }
  });
});
