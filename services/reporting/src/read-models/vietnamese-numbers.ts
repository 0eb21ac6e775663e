import type { ReportColumnKind } from '@mc/contracts';
import { formatVietnamDate, formatVietnamTime } from '@mc/working-calendar';

/**
 * Numbers as Vietnamese documents write them: '.' between thousands and ','
 * before decimals — 148.636; 93,52%. Written out by hand so that the result
 * does not depend on the ICU data the Node build carries.
 */
function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

function formatFixed(value: number, decimals: number): string {
  const [whole, fraction] = Math.abs(value).toFixed(decimals).split('.');
  const sign = value < 0 && Number(Math.abs(value).toFixed(decimals)) !== 0 ? '-' : '';
  return `${sign}${groupThousands(whole)}${fraction ? `,${fraction}` : ''}`;
}

export const formatInteger = (value: number): string => formatFixed(Math.round(value), 0);

/** A ratio in [0, 1] as a percentage with two decimals: 0.93521 → "93,52%"; a dash when there is no ratio (nothing to divide by). */
export const formatPercent = (ratio: number | null): string => (ratio === null ? '—' : `${formatFixed(ratio * 100, 2)}%`);

export const formatScore = (value: number): string => formatFixed(value, 2);

/** A cell as it reads in a printed report; empty for a missing value. */
export function formatCell(value: string | number | null | undefined, kind: ReportColumnKind): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'integer':
      return formatInteger(value);
    case 'percent':
      return formatPercent(value);
    case 'score':
      return formatScore(value);
    default:
      return String(value);
  }
}

/** "16:30 ngày 28/02/2026" in Vietnam's time zone. */
export function formatVietnamInstant(iso: string): string {
  return Number.isNaN(Date.parse(iso)) ? iso : `${formatVietnamTime(iso)} ngày ${formatVietnamDate(iso)}`;
}

/** "2026-02-28" → "28/02/2026". */
export const formatIsoDate = (iso: string): string => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;
