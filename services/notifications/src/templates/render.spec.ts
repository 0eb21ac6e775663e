import { TEMPLATE_FIELDS, type NotificationKind } from '@mc/contracts';
import { SEEDS } from '../migrations/1763804000000-create-notifications';
import { PREFERENCE_SEEDS } from '../migrations/1765100000000-order-preferences-reads';
import { render } from './render';

/** Two marks of punctuation in a row, spaces between allowed ("giải quyết..", "Lý do: .", "hôn nhân.;"). */
const DOUBLED = /[.,;:!?…]\s*[.,;:!?…]/u;

/** What a clerk types as a reason or a missing paper, full stop and all, and what the service fills in. */
const sample = (field: string): string =>
  ({
    code: '05983-261207-0001',
    applicantName: 'Hoàng Văn Nam',
    procedureName: 'Đăng ký kết hôn',
    receivedAt: '09:30 07/12/2026',
    dueDate: '10/12/2026',
    originalDueDate: '10/12/2026',
    newDueDate: '15/12/2026',
    supplementBy: '06/01/2027',
    deliveredAt: '10:15 07/12/2026',
    trackingUrl: 'https://dichvucong.tinh.gov.vn/api/v1/tracking/05983-261207-0001?token=abc',
    waybill: 'EB123456789VN',
    unitName: 'Phường Lương Văn Tri',
    missing: 'Giấy xác nhận tình trạng hôn nhân; Bản sao CCCD.',
    reason: 'Người yêu cầu đề nghị dừng giải quyết.',
    collectWhere: 'tại Bộ phận Một cửa, Phường Lương Văn Tri, trong giờ hành chính.',
    returnMethod: 'nhận tại Bộ phận Một cửa',
    stateLabel: 'Đang giải quyết',
    channels: 'SMS, Zalo',
  })[field] ?? `giá trị của ${field}.`;

describe('rendering a template', () => {
  it('lets the template’s punctuation stand in for the value’s own at its end', () => {
    expect(render('Lý do: {{reason}}. Liên hệ {{unitName}}.', { reason: 'Người yêu cầu đề nghị dừng giải quyết.', unitName: 'Phường Lương Văn Tri' })).toBe(
      'Lý do: Người yêu cầu đề nghị dừng giải quyết. Liên hệ Phường Lương Văn Tri.',
    );
    expect(render('Cần bổ sung: {{missing}}; nộp trước {{supplementBy}}.', { missing: 'Tờ khai!… ', supplementBy: '06/01/2027' })).toBe('Cần bổ sung: Tờ khai; nộp trước 06/01/2027.');
    // Inside a value, and at its end when the template adds nothing after it, a person's punctuation stays.
    expect(render('Lý do: {{reason}}', { reason: 'Thiếu giấy tờ. Đề nghị bổ sung.' })).toBe('Lý do: Thiếu giấy tờ. Đề nghị bổ sung.');
    expect(render('Hồ sơ {{code}} ({{missingField}}).', { code: 'A' })).toBe('Hồ sơ A ().');
  });

  const cases = [...SEEDS, ...PREFERENCE_SEEDS].map((seed) => [seed.kind, seed.channel, seed] as const);
  it.each(cases)('%s by %s reads with no doubled punctuation, every field filled', (kind, _channel, seed) => {
    const data = Object.fromEntries(TEMPLATE_FIELDS[kind as NotificationKind].map((field) => [field, sample(field)]));
    for (const text of [seed.subject, seed.body]) {
      if (text === undefined) continue;
      const rendered = render(text, data);
      expect(rendered).not.toMatch(DOUBLED);
      expect(rendered).not.toContain('{{');
    }
  });

  it('covers every kind on every channel it is sent on', () => {
    const seeded = new Set([...SEEDS, ...PREFERENCE_SEEDS].map((seed) => `${seed.kind}:${seed.channel}`));
    for (const kind of Object.keys(TEMPLATE_FIELDS)) expect(seeded.has(`${kind}:sms`)).toBe(true);
  });
});
