import { z } from 'zod';

/**
 * Citizen notifications (SMS, Zalo ZNS, e-mail) on what happens to a dossier,
 * status by SMS on request, and staff notices for the console. Subjects are
 * answered by the notifications service; REST routes in
 * `services/gateway/src/notifications/`.
 */
export const NotificationSubjects = {
  listTemplates: 'notifications.template.list',
  saveTemplate: 'notifications.template.save',
  listDeadLetters: 'notifications.dead-letter.list',
  retryDeadLetter: 'notifications.dead-letter.retry',
  costs: 'notifications.cost.get',
  staffNotices: 'notifications.staff-notice.list',
  /** The caller marks staff notices as read (their own reading; a colleague's bell is unchanged). */
  markStaffNoticesRead: 'notifications.staff-notice.mark-read',
  /** A provider's delivery report (SMS gateway or Zalo), authenticated by the provider's callback token. */
  deliveryReport: 'notifications.provider.delivery-report',
  /** A text a citizen sent to the province's short code (mobile-originated SMS). */
  inboundSms: 'notifications.provider.inbound-sms',
} as const;

export const CHANNELS = ['sms', 'zalo', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = { sms: 'Tin nhắn SMS', zalo: 'Zalo (ZNS)', email: 'Thư điện tử' };

/**
 * What a citizen hears about; each has one template per channel. Answers to a
 * citizen's own text are SMS only: `status_reply`/`status_refused` (a status
 * request), `consent_withdrawn`/`preferences_changed` (a change of channels).
 */
export const NOTIFICATION_KINDS = [
  'received',
  'supplement_requested',
  'supplement_received',
  'result_ready',
  'returned',
  'delivered_by_post',
  'apologised',
  'stopped',
  'status_reply',
  'status_refused',
  'consent_withdrawn',
  'preferences_changed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The data each kind's template may use, as `{{name}}`; a template naming anything else is refused when saved. */
export const TEMPLATE_FIELDS: Record<NotificationKind, readonly string[]> = {
  received: ['code', 'applicantName', 'procedureName', 'receivedAt', 'dueDate', 'trackingUrl'],
  supplement_requested: ['code', 'applicantName', 'procedureName', 'missing', 'reason', 'supplementBy', 'unitName'],
  supplement_received: ['code', 'applicantName', 'procedureName', 'dueDate', 'trackingUrl'],
  result_ready: ['code', 'applicantName', 'procedureName', 'collectWhere', 'trackingUrl'],
  returned: ['code', 'applicantName', 'procedureName', 'returnMethod'],
  delivered_by_post: ['code', 'applicantName', 'waybill', 'deliveredAt'],
  apologised: ['code', 'applicantName', 'procedureName', 'originalDueDate', 'newDueDate', 'reason', 'unitName'],
  stopped: ['code', 'applicantName', 'procedureName', 'reason', 'unitName'],
  status_reply: ['code', 'procedureName', 'stateLabel', 'dueDate'],
  status_refused: [],
  consent_withdrawn: ['code'],
  /** `channels`: the channels now chosen, as a citizen reads them ("SMS, Zalo"). */
  preferences_changed: ['code', 'channels'],
};

/** The kinds that answer a citizen's own text message, and so go by SMS only. */
export const SMS_ONLY_KINDS: readonly NotificationKind[] = ['status_reply', 'status_refused', 'consent_withdrawn', 'preferences_changed'];

/** Channel preferences and consent, recorded with the dossier at receipt (the citizen's choice, online or at the counter). */
export const notificationPreferencesSchema = z.object({
  channels: z.array(z.enum(CHANNELS, 'Kênh nhận thông báo phải là sms, zalo hoặc email.')).max(3).default(['sms']),
  /** The citizen agreed to be contacted on those channels (NĐ 13/2023 on personal data: consent is explicit). */
  consent: z.boolean({ error: 'Thiếu đồng ý nhận thông báo (consent).' }),
});
export type NotificationPreferences = z.infer<typeof notificationPreferencesSchema>;

const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([A-Za-z]+)\s*\}\}/g)].map((match) => match[1] as string);

export const saveTemplateRequestSchema = z
  .object({
    kind: z.enum(NOTIFICATION_KINDS, `Loại thông báo phải là một trong: ${NOTIFICATION_KINDS.join(', ')}.`),
    channel: z.enum(CHANNELS, 'Kênh phải là sms, zalo hoặc email.'),
    /** The e-mail's subject line; ignored for SMS and Zalo. */
    subject: z.string().trim().max(200, 'Tiêu đề tối đa 200 ký tự.').optional(),
    body: z.string({ error: 'Thiếu nội dung mẫu.' }).trim().min(1, 'Chưa nhập nội dung mẫu.').max(4000, 'Nội dung mẫu tối đa 4000 ký tự.'),
    /** The template id Zalo approved for this text (ZNS sends the id and its data, not the text). */
    znsTemplateId: z.string().trim().regex(/^\d{1,20}$/, 'Mã mẫu ZNS gồm chữ số.').optional(),
    /** Sent at night too (SMS quiet hours do not hold it). */
    urgent: z.boolean().default(false),
  })
  .superRefine((value, context) => {
    const allowed = TEMPLATE_FIELDS[value.kind];
    for (const field of placeholders(`${value.subject ?? ''} ${value.body}`)) {
      if (!allowed.includes(field)) {
        context.addIssue({
          code: 'custom',
          path: ['body'],
          message: `Mẫu "${value.kind}" không có trường {{${field}}}; dùng được: ${allowed.join(', ') || '(không có)'}.`,
        });
      }
    }
    if (value.channel === 'zalo' && !value.znsTemplateId) context.addIssue({ code: 'custom', path: ['znsTemplateId'], message: 'Mẫu Zalo cần mã mẫu ZNS đã được Zalo duyệt.' });
    if (value.channel === 'email' && !value.subject) context.addIssue({ code: 'custom', path: ['subject'], message: 'Mẫu thư điện tử cần tiêu đề.' });
  });
export type SaveTemplateRequest = z.infer<typeof saveTemplateRequestSchema>;

export interface TemplateView {
  kind: NotificationKind;
  channel: Channel;
  version: number;
  subject: string | null;
  body: string;
  znsTemplateId: string | null;
  urgent: boolean;
  fields: string[];
  createdBy: string;
  createdAt: string;
  createdAtDisplay: string;
}

export interface TemplateList {
  /** The version in use of each kind and channel. */
  templates: TemplateView[];
}

export const listDeadLettersRequestSchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface DeadLetterView {
  id: string;
  dossierCode: string | null;
  kind: NotificationKind;
  channel: Channel;
  /** The recipient with most digits or letters hidden: enough for a clerk to recognise, not to copy. */
  recipient: string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  createdAtDisplay: string;
}

export interface DeadLetterList {
  messages: DeadLetterView[];
}

export const messageRefSchema = z.object({ messageId: z.uuid('Mã tin không hợp lệ.') });

export interface RetryReceipt {
  id: string;
  status: 'pending';
}

export const costsRequestSchema = z.object({
  from: z.iso.date('Ngày bắt đầu phải có dạng yyyy-mm-dd.'),
  to: z.iso.date('Ngày kết thúc phải có dạng yyyy-mm-dd.'),
});

export interface CostLine {
  channel: Channel;
  messages: number;
  /** SMS: 70-character segments of a Unicode text; Zalo and e-mail: messages. */
  units: number;
  /** In đồng. */
  cost: number;
}

export interface CostReport {
  fromDisplay: string;
  toDisplay: string;
  lines: CostLine[];
  total: number;
}

export const staffNoticesRequestSchema = z.object({
  /** Only notices after this instant (the console's last poll). */
  since: z.iso.datetime({ offset: true, error: 'since phải là thời điểm ISO 8601 có múi giờ.' }).optional(),
  /** `true`: only the notices the caller has not read, newest first (the console's bell). */
  unread: z.enum(['true', 'false'], 'unread phải là true hoặc false.').optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const markStaffNoticesReadRequestSchema = z.object({
  ids: z.array(z.uuid('Mã thông báo không hợp lệ.'), 'Thiếu danh sách thông báo (ids).').min(1, 'Chọn ít nhất một thông báo.').max(200, 'Tối đa 200 thông báo một lần.'),
});
export type MarkStaffNoticesReadRequest = z.infer<typeof markStaffNoticesReadRequestSchema>;

export interface StaffNoticesReadReceipt {
  /** How many of the given notices were the caller's and are now read. */
  marked: number;
  /** The caller's notices still unread. */
  unread: number;
}

export const STAFF_NOTICE_KINDS = ['new_in_queue', 'due_soon', 'overdue'] as const;
export type StaffNoticeKind = (typeof STAFF_NOTICE_KINDS)[number];

export interface StaffNoticeView {
  id: string;
  kind: StaffNoticeKind;
  unitCode: string;
  dossierCode: string;
  text: string;
  at: string;
  atDisplay: string;
  /** The caller has read it. */
  read: boolean;
}

export interface StaffNoticeList {
  notices: StaffNoticeView[];
  /** How many of the caller's notices they have not read (all of them, not only this page). */
  unread: number;
  /** Pass as `since` on the next poll. */
  latest: string | null;
}

export const PROVIDER_TOKEN_HEADER = 'x-provider-token';

export const deliveryReportSchema = z.object({
  channel: z.enum(['sms', 'zalo']),
  providerMessageId: z.string().trim().min(1).max(100),
  /** Our id of the message as we gave it to the provider (Zalo's tracking_id, the SMS gateway's requestId): it names a message whose send went unanswered. */
  ourMessageId: z.uuid('Mã tin nhắn của hệ thống không hợp lệ.').optional(),
  status: z.enum(['delivered', 'failed']),
  at: z.iso.datetime({ offset: true }),
  error: z.string().max(300).optional(),
});
export type DeliveryReport = z.infer<typeof deliveryReportSchema>;
export const deliveryReportRequestSchema = z.object({ token: z.string().max(200).optional(), report: z.unknown() });

export const inboundSmsSchema = z.object({
  /** The provider's id of the incoming text: a text delivered twice is answered once. */
  messageId: z.string().trim().min(1).max(100),
  from: z.string().trim().regex(/^(0|84)\d{9,10}$/, 'Số gửi không hợp lệ.'),
  text: z.string().max(1000),
  receivedAt: z.iso.datetime({ offset: true }),
});
export type InboundSms = z.infer<typeof inboundSmsSchema>;
export const inboundSmsRequestSchema = z.object({ token: z.string().max(200).optional(), sms: z.unknown() });

export interface ProviderReceipt {
  accepted: boolean;
}
