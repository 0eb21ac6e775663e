import { Tag } from 'antd';
import type { ReactNode } from 'react';

// antd's preset tag colours put a mid-tone text on a pale ground, below WCAG AA (4.5:1); solid dark grounds with white text pass.
const TONES = { good: '#237804', bad: '#a8071a', warning: '#874d00', info: '#0958d9', neutral: '#595959' } as const;

/** A state shown as a coloured label a clerk can read on any screen. */
export function StatusTag({ tone, children }: { tone: keyof typeof TONES; children: ReactNode }) {
  return (
    <Tag color={TONES[tone]} variant="solid">
      {children}
    </Tag>
  );
}
