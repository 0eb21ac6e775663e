/** Thousands separated by '.', as Vietnamese official documents write numbers: 148.636 */
export function formatInteger(value: number): string {
  const sign = value < 0 ? '-' : '';
  return sign + String(Math.abs(Math.round(value))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** A ratio as a percentage with two decimals and a decimal comma: 0.93519 → "93,52%". */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '—';
  const [whole, decimals] = (ratio * 100).toFixed(2).split('.');
  return `${formatInteger(Number(whole))},${decimals}%`;
}
