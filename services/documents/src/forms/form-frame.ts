import { FORM_TITLES, type FormRegime } from '@mc/contracts';
import type { FormFrame, IssuingUnit } from './layout';

export type FormKey = keyof (typeof FORM_TITLES)['2025'];

const CIRCULARS: Record<FormRegime, string> = { '2018': 'TT 01/2018/TT-VPCP', '2025': 'TT 03/2025/TT-VPCP' };
// The 2018 regime has no form for a stop: the notice carries the same content under its plain name.
const UNNUMBERED: Partial<Record<FormKey, string>> = { stop: 'Thông báo dừng giải quyết hồ sơ' };

/** Splits the official title the dossier contracts keep ("Mẫu số 01 — Giấy … (TT 03/2025/TT-VPCP)") into what the page prints. */
export function officialTitle(regime: FormRegime, key: FormKey): Pick<FormFrame, 'formNumber' | 'title' | 'circular'> {
  const full = FORM_TITLES[regime][key];
  const [, formNumber, title, circular] = (full && /^(Mẫu số \d+) — (.+) \((.+)\)$/.exec(full)) || [];
  if (!formNumber || !title || !circular) return { formNumber: null, title: UNNUMBERED[key] ?? key, circular: CIRCULARS[regime] };
  return { formNumber, title, circular };
}

export function formFrame(regime: FormRegime, key: FormKey, frame: { unit: IssuingUnit; number: string | null; place: string; issuedAt: string }): FormFrame {
  return { regime, ...officialTitle(regime, key), ...frame };
}
