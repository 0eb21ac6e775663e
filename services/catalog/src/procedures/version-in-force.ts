import type { VersionStatus } from '@mc/contracts';

/** Vietnam has kept UTC+7 without daylight saving since 1975, so a fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The calendar day in Vietnam at an instant, as YYYY-MM-DD. */
export const vietnamDay = (instant: Date): string => new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** The first instant of a Vietnamese calendar day. */
export const startOfVietnamDay = (day: string): Date => new Date(`${day}T00:00:00+07:00`);

/** A day means its first moment in Vietnam; anything else is an ISO instant with its own offset. */
export const instantOf = (at: string): Date => (/^\d{4}-\d{2}-\d{2}$/.test(at) ? startOfVietnamDay(at) : new Date(at));

export interface VersionTimeline {
  status: VersionStatus;
  effectiveFrom: string;
  withdrawnAt: Date | null;
}

/** Whether a version ever applied: one withdrawn before its effective date never did. */
export const tookEffect = (version: VersionTimeline): boolean =>
  version.status !== 'draft' && (!version.withdrawnAt || version.withdrawnAt > startOfVietnamDay(version.effectiveFrom));

/**
 * The version that applies at an instant: among the published versions that
 * took effect, the one with the latest effective date not after it. A later
 * version supersedes an earlier one for good, so when the applicable version
 * has been withdrawn nothing applies (the procedure is abolished) rather than
 * an older text coming back; correcting a mistaken version means publishing a
 * new one.
 */
export function versionInForce<T extends VersionTimeline>(versions: readonly T[], at: Date): T | null {
  let applicable: T | null = null;
  for (const version of versions) {
    if (!tookEffect(version) || startOfVietnamDay(version.effectiveFrom) > at) continue;
    if (!applicable || version.effectiveFrom > applicable.effectiveFrom) applicable = version;
  }
  if (applicable?.withdrawnAt && applicable.withdrawnAt <= at) return null;
  return applicable;
}
