import { apiErrorOf } from '@mc/web-api';
import { api, unwrap } from '../../../lib/api';
import { currentUser } from '../../../lib/auth';

export interface ReportScope {
  unitCode: string;
  from: string;
  to: string;
}

export const REPORT_KINDS = ['timeliness', 'late-dossiers', 'tracking-book', 'indicators', 'satisfaction', 'staffing'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** A report asked for without `format` is JSON; the document also lists the file types a format would give. */
const json = <T>(answer: Promise<T>) => answer as Promise<Exclude<T, string>>;

export const timeliness = (scope: ReportScope) => json(unwrap(api.GET('/api/v1/reports/timeliness', { params: { query: { ...scope, groupBy: 'unit' } } })));
export const lateDossiers = (scope: ReportScope, offset: number) => json(unwrap(api.GET('/api/v1/reports/late-dossiers', { params: { query: { ...scope, offset, limit: 50 } } })));
export const trackingBook = (scope: ReportScope, offset: number) => json(unwrap(api.GET('/api/v1/reports/tracking-book', { params: { query: { ...scope, offset, limit: 50 } } })));
export const indicators = (scope: ReportScope) => json(unwrap(api.GET('/api/v1/reports/indicators', { params: { query: scope } })));
export const satisfaction = (scope: ReportScope) => json(unwrap(api.GET('/api/v1/reports/satisfaction', { params: { query: scope } })));
export const staffing = (unitCode: string) => json(unwrap(api.GET('/api/v1/reports/staffing', { params: { query: { unitCode } } })));

/**
 * The report as the reporting service exports it (Excel or A4 PDF), saved
 * under the file name the service gives. A link cannot carry the bearer
 * token, so the file is fetched and handed to the browser as a download.
 */
export async function downloadReport(kind: ReportKind, params: Record<string, string>, format: 'xlsx' | 'pdf'): Promise<string> {
  const user = await currentUser();
  const query = new URLSearchParams({ ...params, format });
  const response = await fetch(`/api/v1/reports/${kind}?${query}`, { headers: user ? { authorization: `Bearer ${user.access_token}` } : {} });
  if (!response.ok) throw await apiErrorOf(response);
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `bao-cao.${format}`;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = fileName;
  link.click();
  // Revoked later: some browsers read the object URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  return fileName;
}
