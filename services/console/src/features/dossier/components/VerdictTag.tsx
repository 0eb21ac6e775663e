import { Tag } from 'antd';

/** The control slip's verdicts in the colours a clerk reads at a glance. */
const VERDICTS: Record<string, { color: string; label: string }> = {
  early: { color: 'green', label: 'Trước hạn' },
  on_time: { color: 'blue', label: 'Đúng hạn' },
  late: { color: 'red', label: 'Quá hạn' },
};

export function VerdictTag({ verdict }: { verdict: unknown }) {
  const shown = typeof verdict === 'string' ? VERDICTS[verdict] : undefined;
  return shown ? <Tag color={shown.color}>{shown.label}</Tag> : null;
}
