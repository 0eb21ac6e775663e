import { vietnamDate } from '@mc/working-calendar';
import { daysBetween } from '../read-models/days';

export interface LateFacts {
  dueAt: Date;
  finishedAt: Date | null;
  supplementRequests: number;
  lateForReporting: boolean;
  /** For an open dossier: the instant it is judged at (the end of the period, or now before it). */
  judgedAt: Date;
}

/**
 * Why a dossier counts as late, in the words of the report: the days past the
 * due date (calendar days in Vietnam, hours when it is the due day itself), or
 * the repeated supplement requests that make it late whatever the dates.
 */
export function lateReason(facts: LateFacts): string {
  const end = facts.finishedAt ?? facts.judgedAt;
  const days = daysBetween(vietnamDate(facts.dueAt), vietnamDate(end));
  const hours = Math.ceil((end.getTime() - facts.dueAt.getTime()) / 3_600_000);
  const past = end.getTime() > facts.dueAt.getTime() ? (days >= 1 ? `${days} ngày` : `${Math.max(hours, 1)} giờ`) : null;
  const prefix = facts.finishedAt ? 'Quá hạn' : 'Đang quá hạn';
  const reasons: string[] = [];
  if (past) reasons.push(`${prefix} ${past}`);
  if (facts.lateForReporting && facts.supplementRequests > 1) reasons.push(`Yêu cầu bổ sung ${facts.supplementRequests} lần`);
  if (!reasons.length) reasons.push(facts.lateForReporting ? 'Tính là quá hạn theo quy định' : prefix);
  return reasons.join('; ');
}
