/** Operators' view of how current a service's copies of other services' data are. */
export const ReadModelSubjects = {
  /** The dossier service's units, procedure versions and calendar, kept from identity's and the catalog's events. */
  dossierFreshness: 'dossier.read-models.freshness',
} as const;

export interface ReadModelFreshnessView {
  /** A read model further behind than this refuses submissions (SERVICE_UNAVAILABLE). */
  boundMs: number;
  /** Every feed is within the bound. */
  current: boolean;
  feeds: {
    feed: string;
    subject: string;
    /** Events on the stream not yet applied; null before the first check. */
    pending: number | null;
    /** Age of the oldest event not yet applied; 0 when none is pending. */
    behindMs: number | null;
    checkedAt: string | null;
    /** Events this replica applied since it started, and how long each took from the producer's commit to being applied here. */
    appliedHere: number;
    lastAppliedLagMs: number | null;
    maxAppliedLagMs: number | null;
  }[];
}
