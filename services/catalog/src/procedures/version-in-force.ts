import type { VersionStatus } from '@mc/contracts';
import { startOfVietnamDay } from '@mc/working-calendar';

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
