import { startOfVietnamDay, vietnamDate as vietnamDay } from '@mc/working-calendar';
import { instantOf, versionInForce, type VersionTimeline } from './version-in-force';

const published = (effectiveFrom: string, withdrawnAt: string | null = null): VersionTimeline & { label: string } => ({
  label: effectiveFrom,
  status: withdrawnAt ? 'withdrawn' : 'published',
  effectiveFrom,
  withdrawnAt: withdrawnAt ? new Date(withdrawnAt) : null,
});

describe('vietnamDay and startOfVietnamDay', () => {
  it('uses the Vietnamese calendar day, not the UTC one', () => {
    expect(vietnamDay(new Date('2026-02-28T17:30:00Z'))).toBe('2026-03-01');
    expect(startOfVietnamDay('2026-03-01').toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(instantOf('2026-03-01').toISOString()).toBe('2026-02-28T17:00:00.000Z');
    expect(instantOf('2026-03-01T10:00:00+07:00').toISOString()).toBe('2026-03-01T03:00:00.000Z');
  });
});

describe('versionInForce', () => {
  const v1 = published('2025-07-01');
  const v2 = published('2026-03-01');

  it('picks the latest version whose effective date has come', () => {
    expect(versionInForce([v1, v2], instantOf('2026-02-28T23:59:59+07:00'))).toBe(v1);
    expect(versionInForce([v2, v1], instantOf('2026-03-01'))).toBe(v2);
  });

  it('finds nothing before the first version', () => {
    expect(versionInForce([v1, v2], instantOf('2025-06-30'))).toBeNull();
  });

  it('ignores drafts', () => {
    const draft: VersionTimeline = { status: 'draft', effectiveFrom: '2025-08-01', withdrawnAt: null };
    expect(versionInForce([v1, draft], instantOf('2025-09-01'))).toBe(v1);
  });

  it('keeps an earlier version in force when a later one was withdrawn before it took effect', () => {
    const cancelled = published('2026-03-01', '2026-02-15T09:00:00+07:00');
    expect(versionInForce([v1, cancelled], instantOf('2026-04-01'))).toBe(v1);
  });

  it('ends the procedure when the version in force is withdrawn, without reviving an older one', () => {
    const abolished = published('2026-03-01', '2026-05-10T09:00:00+07:00');
    expect(versionInForce([v1, abolished], instantOf('2026-04-01'))).toBe(abolished);
    expect(versionInForce([v1, abolished], instantOf('2026-05-10T09:00:00+07:00'))).toBeNull();
    expect(versionInForce([v1, abolished], instantOf('2026-06-01'))).toBeNull();
  });
});
