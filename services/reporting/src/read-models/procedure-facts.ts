import type { Fee } from '@mc/contracts';
import { startOfVietnamDay } from '@mc/working-calendar';

export type OnlineLevel = 'full' | 'partial' | 'none';

/**
 * Whether a procedure carries a fee or charge (phí, lệ phí) a citizen may pay:
 * any fixed amount or page price above zero. A version whose only entries are
 * "free" carries none, which is what the national formula note counts as "phí,
 * lệ phí khác 0".
 */
export function carriesFee(fees: readonly Fee[]): boolean {
  return fees.some((fee) => {
    switch (fee.kind) {
      case 'fixed':
        return fee.amount > 0;
      case 'per_page':
        return fee.firstPagePrice > 0 || fee.nextPagePrice > 0;
      default:
        return false;
    }
  });
}

const ONLINE_RANK: Record<OnlineLevel, number> = { none: 0, partial: 1, full: 2 };

/**
 * The online level a unit offers for a procedure it adopted: its own choice when
 * it narrowed the province's, otherwise the province's. A unit may only narrow
 * (the catalog refuses anything else), so the lower of the two is the answer
 * even for an adoption recorded against an older version.
 */
export function offeredOnline(published: OnlineLevel, adopted: OnlineLevel | null): OnlineLevel {
  if (!adopted) return published;
  return ONLINE_RANK[adopted] < ONLINE_RANK[published] ? adopted : published;
}

/** The higher of two online levels: a procedure offered fully online by one unit and partly by another counts at its highest. */
export const higherOnline = (a: OnlineLevel, b: OnlineLevel): OnlineLevel => (ONLINE_RANK[a] >= ONLINE_RANK[b] ? a : b);

export interface VersionRow {
  code: string;
  version: number;
  name: string | null;
  fieldCode: string | null;
  hasFee: boolean | null;
  online: OnlineLevel | null;
  /** yyyy-mm-dd */
  effectiveFrom: string;
  publishedAt: Date | null;
  withdrawnAt: Date | null;
}

/**
 * The version of one procedure in force at an instant, by the catalog's rule:
 * among the published versions that took effect (not withdrawn before their
 * effective day), the one with the latest effective day not after the instant;
 * when that one has been withdrawn by then, nothing is in force (the procedure
 * was abolished; an older text does not come back).
 */
export function versionInForce(versions: readonly VersionRow[], at: Date): VersionRow | null {
  let applicable: VersionRow | null = null;
  for (const version of versions) {
    if (!version.publishedAt) continue;
    const effective = startOfVietnamDay(version.effectiveFrom);
    if (version.withdrawnAt && version.withdrawnAt <= effective) continue;
    if (effective > at) continue;
    if (!applicable || version.effectiveFrom > applicable.effectiveFrom) applicable = version;
  }
  if (applicable?.withdrawnAt && applicable.withdrawnAt <= at) return null;
  return applicable;
}
