/** Everything the indicators are computed from, for one unit subtree and one period. */
export interface IndicatorInputs {
  /** Dossiers received in the period (daily_stats.received), by channel: 1 counter, 2 online, 3 post. */
  received: number;
  receivedOnline: number;
  receivedPostal: number;
  /** Received dossiers each of whose components has a digitised file (scanned at the counter or taken from the citizen's store). */
  receivedDigitised: number;
  /** Files scanned at the counter (components and results) for the dossiers received. */
  digitisedFiles: number;
  components: number;
  /** Components of the dossiers received that were taken from a citizen's store of verified documents. */
  componentsReused: number;
  /** Dossiers finished in the period, by outcome (more than one supplement request is already counted late by the projection). */
  early: number;
  onTime: number;
  late: number;
  refused: number;
  withdrawn: number;
  stopped: number;
  /** Sum of received → finished over the early, on-time and late dossiers. */
  processingMs: number;
  resultsIssued: number;
  electronicResults: number;
  returned: number;
  returnedByPost: number;
  ratings: number;
  ratingsDissatisfied: number;
  /** Still open at the end of the period, and of those not past due then (nor already late for reporting). */
  openAtEnd: number;
  openOnTimeAtEnd: number;
  /** Procedures in force that the units offer (adopted, active), and how many of them online. */
  proceduresOffered: number;
  proceduresOnlineFull: number;
  proceduresOnlinePartial: number;
  proceduresWithFee: number;
  /** Of the procedures offered online, those with at least one dossier received online in the period. */
  proceduresOnlineWithDossiers: number;
  /** Dossiers received in the period for procedures that carry a fee. */
  feeBearingReceived: number;
}

export const NO_INPUTS: IndicatorInputs = {
  received: 0,
  receivedOnline: 0,
  receivedPostal: 0,
  receivedDigitised: 0,
  digitisedFiles: 0,
  components: 0,
  componentsReused: 0,
  early: 0,
  onTime: 0,
  late: 0,
  refused: 0,
  withdrawn: 0,
  stopped: 0,
  processingMs: 0,
  resultsIssued: 0,
  electronicResults: 0,
  returned: 0,
  returnedByPost: 0,
  ratings: 0,
  ratingsDissatisfied: 0,
  openAtEnd: 0,
  openOnTimeAtEnd: 0,
  proceduresOffered: 0,
  proceduresOnlineFull: 0,
  proceduresOnlinePartial: 0,
  proceduresWithFee: 0,
  proceduresOnlineWithDossiers: 0,
  feeBearingReceived: 0,
};
