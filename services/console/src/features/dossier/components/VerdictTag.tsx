import { Tag } from 'antd';

/**
 * The control slip's verdicts in the colours a clerk reads at a glance; solid
 * and dark enough for white text (antd's light green and orange tags fall
 * short of 4.5:1).
 */
export const VERDICT_COLOURS = { early: '#237804', on_time: '#0958d9', late: '#a8071a' } as const;
const VERDICTS: Record<string, { color: string; label: string }> = {
  early: { color: VERDICT_COLOURS.early, label: 'Trước hạn' },
  on_time: { color: VERDICT_COLOURS.on_time, label: 'Đúng hạn' },
  late: { color: VERDICT_COLOURS.late, label: 'Quá hạn' },
};

export function VerdictTag({ verdict }: { verdict: unknown }) {
  const shown = typeof verdict === 'string' ? VERDICTS[verdict] : undefined;
  return shown ? <Tag color={shown.color}>{shown.label}</Tag> : null;
}
