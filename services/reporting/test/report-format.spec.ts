import { formatInteger, formatPercent } from '../src/read-models/vietnamese-numbers';
import { lateReason } from '../src/late-dossiers/late-reason';
import { periodBuckets, periodKey, periodLabel } from '../src/timeliness/periods';
import { formatVietnamDateTime as displayInstant, startOfVietnamDay } from '@mc/working-calendar';

describe('how reports write numbers, periods and reasons', () => {
  it('writes numbers the Vietnamese way', () => {
    expect(formatInteger(148_636)).toBe('148.636');
    expect(formatInteger(1_234_567)).toBe('1.234.567');
    expect(formatInteger(12)).toBe('12');
    expect(formatPercent(0.935_19)).toBe('93,52%');
    expect(formatPercent(1)).toBe('100,00%');
    expect(formatPercent(null)).toBe('—');
  });

  it('labels days, ISO weeks, months, quarters and years', () => {
    expect(periodLabel('day', periodKey('day', '2026-02-05'))).toBe('05/02/2026');
    expect(periodLabel('week', periodKey('week', '2026-01-29'))).toBe('Tuần 05/2026');
    // 1 January 2027 is a Friday: it belongs to the last week of 2026.
    expect(periodKey('week', '2027-01-01')).toBe('2026-W53');
    expect(periodLabel('month', periodKey('month', '2026-02-05'))).toBe('Tháng 02/2026');
    expect(periodLabel('quarter', periodKey('quarter', '2026-02-05'))).toBe('Quý I/2026');
    expect(periodLabel('quarter', periodKey('quarter', '2026-11-05'))).toBe('Quý IV/2026');
    expect(periodLabel('year', periodKey('year', '2026-02-05'))).toBe('Năm 2026');
  });

  it('clips buckets to the period', () => {
    expect(periodBuckets('month', '2026-01-15', '2026-03-02')).toEqual([
      { key: '2026-01', firstDay: '2026-01-15', endDay: '2026-02-01' },
      { key: '2026-02', firstDay: '2026-02-01', endDay: '2026-03-01' },
      { key: '2026-03', firstDay: '2026-03-01', endDay: '2026-03-03' },
    ]);
  });

  it('starts a Vietnamese day at 17:00 UTC the day before and writes instants in Vietnam time', () => {
    expect(startOfVietnamDay('2026-03-01').toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(displayInstant('2026-02-28T17:05:00Z')).toBe('00:05 01/03/2026');
  });

  it('says why a dossier is late', () => {
    const dueAt = new Date('2026-03-10T17:00:00+07:00');
    const judgedAt = new Date('2026-04-01T00:00:00+07:00');
    expect(lateReason({ dueAt, finishedAt: new Date('2026-03-12T09:00:00+07:00'), supplementRequests: 0, lateForReporting: false, judgedAt })).toBe('Quá hạn 2 ngày');
    expect(lateReason({ dueAt, finishedAt: new Date('2026-03-10T19:10:00+07:00'), supplementRequests: 0, lateForReporting: false, judgedAt })).toBe('Quá hạn 3 giờ');
    expect(lateReason({ dueAt, finishedAt: new Date('2026-03-09T09:00:00+07:00'), supplementRequests: 2, lateForReporting: true, judgedAt })).toBe(
      'Yêu cầu bổ sung 2 lần',
    );
    expect(lateReason({ dueAt, finishedAt: null, supplementRequests: 0, lateForReporting: false, judgedAt })).toBe('Đang quá hạn 22 ngày');
  });
});
