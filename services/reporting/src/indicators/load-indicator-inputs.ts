import type { DataSource } from 'typeorm';
import type { ProcedureCatalog } from '../read-models/procedure-catalog';
import type { IndicatorInputs } from './indicator-inputs';
import type { ReportScope } from '../read-models/report-scope';

const DAILY_SUMS = `
  SELECT COALESCE(SUM(received), 0)::bigint                                    AS received,
         COALESCE(SUM(received) FILTER (WHERE channel_code = 2), 0)::bigint    AS received_online,
         COALESCE(SUM(received) FILTER (WHERE channel_code = 3), 0)::bigint    AS received_postal,
         COALESCE(SUM(components), 0)::bigint                                  AS components,
         COALESCE(SUM(early), 0)::bigint                                       AS early,
         COALESCE(SUM(on_time), 0)::bigint                                     AS on_time,
         COALESCE(SUM(late), 0)::bigint                                        AS late,
         COALESCE(SUM(refused), 0)::bigint                                     AS refused,
         COALESCE(SUM(withdrawn), 0)::bigint                                   AS withdrawn,
         COALESCE(SUM(stopped), 0)::bigint                                     AS stopped,
         COALESCE(SUM(processing_ms), 0)::bigint                               AS processing_ms,
         COALESCE(SUM(results_issued), 0)::bigint                              AS results_issued,
         COALESCE(SUM(electronic_results), 0)::bigint                          AS electronic_results,
         COALESCE(SUM(returned), 0)::bigint                                    AS returned,
         COALESCE(SUM(returned_by_post), 0)::bigint                            AS returned_by_post,
         COALESCE(SUM(ratings), 0)::bigint                                     AS ratings,
         COALESCE(SUM(ratings_dissatisfied), 0)::bigint                        AS ratings_dissatisfied
    FROM daily_stats
   WHERE unit_code = ANY($1) AND day BETWEEN $2::date AND $3::date`;

/*
 * "In progress at the end of the period": open at the instant E the period ends
 * (or now, for a period not over yet), which the GiST index on open_range
 * answers. On time when not past due at E and not already counted late for
 * reporting (a second supplement request).
 */
const OPEN_AT_END = `
  SELECT COUNT(*)::bigint AS open_at_end,
         COUNT(*) FILTER (WHERE due_at >= $2 AND NOT late_for_reporting)::bigint AS open_on_time_at_end
    FROM dossier_facts
   WHERE competent_unit_code = ANY($1) AND open_range @> $2::timestamptz`;

/*
 * Digitisation and reuse from the files the documents service recorded, not
 * from the receipt's tick boxes: over the dossiers received in the period, a
 * dossier is digitised when each of its components has a file scanned at the
 * counter or taken from the citizen's store; the digitised files (components
 * and results) and the components reused from the store are counted as such.
 */
const DOCUMENT_FILES = `
  SELECT COUNT(*) FILTER (WHERE f.components_total > 0 AND files.components_covered >= f.components_total)::bigint AS received_digitised,
         COALESCE(SUM(files.digitised_files), 0)::bigint                                                          AS digitised_files,
         COALESCE(SUM(files.components_reused), 0)::bigint                                                        AS components_reused
    FROM dossier_facts f
   CROSS JOIN LATERAL (
     SELECT COUNT(DISTINCT d.component) FILTER (WHERE d.component <> 'result')                   AS components_covered,
            COUNT(*) FILTER (WHERE d.kind = 'digitised')                                         AS digitised_files,
            COUNT(DISTINCT d.component) FILTER (WHERE d.kind = 'reused' AND d.component <> 'result') AS components_reused
       FROM document_facts d
      WHERE d.dossier_code = f.code) files
   WHERE f.competent_unit_code = ANY($1) AND f.received_at >= $2 AND f.received_at < $3`;

const RECEIVED_BY_PROCEDURE = `
  SELECT procedure_code, SUM(received)::bigint AS received, COALESCE(SUM(received) FILTER (WHERE channel_code = 2), 0)::bigint AS received_online
    FROM daily_stats
   WHERE unit_code = ANY($1) AND day BETWEEN $2::date AND $3::date
   GROUP BY procedure_code`;

type Counts = Record<string, string>;

/** Reads the inputs of every indicator for the units (by competent unit) and the period. */
export async function loadIndicatorInputs(
  dataSource: DataSource,
  catalog: ProcedureCatalog,
  unitCodes: readonly string[],
  period: Pick<ReportScope, 'from' | 'to' | 'start' | 'end'>,
  now: Date,
): Promise<IndicatorInputs> {
  const end = period.end < now ? period.end : now;
  const [[daily], [files], [open], byProcedure, offered] = await Promise.all([
    dataSource.query(DAILY_SUMS, [unitCodes, period.from, period.to]) as Promise<Counts[]>,
    dataSource.query(DOCUMENT_FILES, [unitCodes, period.start, period.end]) as Promise<Counts[]>,
    dataSource.query(OPEN_AT_END, [unitCodes, end]) as Promise<Counts[]>,
    dataSource.query(RECEIVED_BY_PROCEDURE, [unitCodes, period.from, period.to]) as Promise<{ procedure_code: string; received: string; received_online: string }[]>,
    catalog.offeredBy(unitCodes, end),
  ]);
  const feeBearing = await catalog.feeBearing(
    byProcedure.map((row) => row.procedure_code),
    end,
  );
  const receivedOnline = new Set(byProcedure.filter((row) => Number(row.received_online) > 0).map((row) => row.procedure_code));
  const n = (row: Counts | undefined, column: string) => Number(row?.[column] ?? 0);
  return {
    received: n(daily, 'received'),
    receivedOnline: n(daily, 'received_online'),
    receivedPostal: n(daily, 'received_postal'),
    receivedDigitised: n(files, 'received_digitised'),
    digitisedFiles: n(files, 'digitised_files'),
    components: n(daily, 'components'),
    componentsReused: n(files, 'components_reused'),
    early: n(daily, 'early'),
    onTime: n(daily, 'on_time'),
    late: n(daily, 'late'),
    refused: n(daily, 'refused'),
    withdrawn: n(daily, 'withdrawn'),
    stopped: n(daily, 'stopped'),
    processingMs: n(daily, 'processing_ms'),
    resultsIssued: n(daily, 'results_issued'),
    electronicResults: n(daily, 'electronic_results'),
    returned: n(daily, 'returned'),
    returnedByPost: n(daily, 'returned_by_post'),
    ratings: n(daily, 'ratings'),
    ratingsDissatisfied: n(daily, 'ratings_dissatisfied'),
    openAtEnd: n(open, 'open_at_end'),
    openOnTimeAtEnd: n(open, 'open_on_time_at_end'),
    proceduresOffered: offered.length,
    proceduresOnlineFull: offered.filter((procedure) => procedure.online === 'full').length,
    proceduresOnlinePartial: offered.filter((procedure) => procedure.online === 'partial').length,
    proceduresWithFee: offered.filter((procedure) => procedure.hasFee).length,
    proceduresOnlineWithDossiers: offered.filter((procedure) => procedure.online !== 'none' && receivedOnline.has(procedure.code)).length,
    feeBearingReceived: byProcedure.filter((row) => feeBearing.has(row.procedure_code)).reduce((sum, row) => sum + Number(row.received), 0),
  };
}
