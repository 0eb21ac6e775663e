import { z } from 'zod';
import { defineEvent } from './events';
import { applicantSchema, submittedComponentSchema } from './dossier';

/**
 * The postal public-administration service (BCCI, QĐ 45/2016/QĐ-TTg): orders
 * with the postal operator to pick a dossier up from the citizen and to deliver
 * the result, the operator's signed status reports, and the daily
 * reconciliation of postage and collected fees.
 */
export const PostalSubjects = {
  createOrder: 'postal.order.create',
  getOrder: 'postal.order.get',
  receiveWebhook: 'postal.webhook.receive',
  reconcile: 'postal.reconciliation.run',
  handoverBoard: 'postal.handover.board',
  prepareHandover: 'postal.handover.prepare',
  confirmHandover: 'postal.handover.confirm',
} as const;

/** The operator's statuses of an order, as its webhooks report them. */
export const POSTAL_STATUSES = [
  'accepted',
  'picked_up',
  'handed_to_centre',
  'result_collected',
  'delivered',
  'delivery_failed',
  'returned_to_sender',
] as const;
export type PostalStatus = (typeof POSTAL_STATUSES)[number];

export const POSTAL_STATUS_LABELS: Record<PostalStatus | 'queued', string> = {
  queued: 'Chờ gửi yêu cầu cho bưu chính',
  accepted: 'Bưu chính đã nhận yêu cầu',
  picked_up: 'Nhân viên bưu chính đã nhận hồ sơ từ công dân',
  handed_to_centre: 'Bưu chính đã giao hồ sơ cho Bộ phận Một cửa',
  result_collected: 'Bưu chính đã nhận kết quả tại Bộ phận Một cửa',
  delivered: 'Đã phát kết quả cho công dân',
  delivery_failed: 'Phát kết quả không thành công',
  returned_to_sender: 'Bưu chính đã chuyển hoàn về Bộ phận Một cửa',
};

/** pickup: the dossier from the citizen to the centre; return: the result from the centre to the citizen. */
export const POSTAL_LEGS = ['pickup', 'return'] as const;
export type PostalLeg = (typeof POSTAL_LEGS)[number];

/**
 * An address in the two-level units in force since 1 July 2025 (province and
 * commune codes + street), or a legacy three-level one (with the former
 * district's code), which is mapped to the commune in force or refused.
 */
export const postalAddressSchema = z.object({
  provinceCode: z.string({ error: 'Thiếu mã tỉnh.' }).trim().regex(/^\d{2}$/, 'Mã tỉnh gồm 2 chữ số.'),
  /** Only in a legacy address: the former district (3 digits, QĐ 124/2004). */
  districtCode: z.string().trim().regex(/^\d{3}$/, 'Mã huyện (cũ) gồm 3 chữ số.').optional(),
  communeCode: z.string().trim().regex(/^\d{5}$/, 'Mã xã, phường gồm 5 chữ số.').optional(),
  street: z.string({ error: 'Thiếu số nhà, đường, thôn, xóm.' }).trim().min(1, 'Chưa nhập số nhà, đường, thôn, xóm.').max(300),
});
export type PostalAddress = z.infer<typeof postalAddressSchema>;

/** The address as the order keeps it: always in the units in force, with the legacy one it was mapped from. */
export interface MappedAddress {
  provinceCode: string;
  communeCode: string;
  communeName: string;
  street: string;
  display: string;
  mappedFrom: { districtCode: string | null; communeCode: string; communeName: string } | null;
}

const money = (label: string) => z.number({ error: `Thiếu ${label}.` }).int(`${label} tính bằng đồng, số nguyên.`).min(0).max(100_000_000);

/**
 * A citizen (online) or a clerk (at the counter) asks the post to collect the
 * dossier; with `returnByPost` the result comes back by post too.
 */
export const createPostalOrderRequestSchema = z.object({
  procedureCode: z.string({ error: 'Thiếu mã thủ tục.' }).trim().min(1, 'Thiếu mã thủ tục.').max(40),
  receivingUnitCode: z.string({ error: 'Chọn nơi tiếp nhận hồ sơ.' }).trim().min(2).max(40),
  applicant: applicantSchema,
  components: z.array(submittedComponentSchema).max(100).default([]),
  pickupAddress: postalAddressSchema,
  returnByPost: z.boolean().default(false),
  /** Absent: the result goes back to the pickup address. */
  returnAddress: postalAddressSchema.optional(),
  contact: z.object({
    name: z.string({ error: 'Thiếu tên người liên hệ.' }).trim().min(1).max(200),
    phone: z.string({ error: 'Thiếu số điện thoại liên hệ.' }).trim().regex(/^0\d{9,10}$/, 'Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0.'),
  }),
  /** The procedure's fees the post collects from the citizen on the agency's behalf (COD). */
  collectedFees: money('phí, lệ phí thu hộ').default(0),
});
export type CreatePostalOrderRequest = z.infer<typeof createPostalOrderRequestSchema>;

export const postalOrderRefSchema = z.object({ orderId: z.uuid('Mã đơn bưu chính không hợp lệ.') });

export interface PostalOrderView {
  id: string;
  leg: PostalLeg;
  status: PostalStatus | 'queued';
  statusLabel: string;
  waybill: string | null;
  procedureCode: string;
  receivingUnitCode: string;
  dossierCode: string | null;
  address: MappedAddress;
  postage: number | null;
  collectedFees: number;
  steps: { status: PostalStatus; label: string; eventTime: string; atDisplay: string; reason: string | null }[];
}

/**
 * What the gateway forwards of an operator's webhook: the exact bytes it
 * received (the signature covers them) and the signature headers.
 */
export const postalWebhookRequestSchema = z.object({
  rawBody: z.string().max(64_000),
  timestamp: z.string().max(20).optional(),
  signature: z.string().max(200).optional(),
});
export type PostalWebhookRequest = z.infer<typeof postalWebhookRequestSchema>;

/** What the operator is told of a status report: whether it changed the order (a repeat does not), and the order's status. */
export interface PostalWebhookReceipt {
  applied: boolean;
  status: string;
}

/** One status report of the operator, the body of its webhook. */
export const operatorStatusReportSchema = z.object({
  messageId: z.string().min(1).max(100),
  orderId: z.uuid(),
  waybill: z.string().min(1).max(40),
  status: z.enum(POSTAL_STATUSES),
  eventTime: z.iso.datetime({ offset: true }),
  reason: z.string().max(500).optional(),
  /** The postal dossier slip the citizen co-signed at pickup. */
  slip: z.object({ number: z.string().max(60), signedBy: z.string().max(200) }).optional(),
});
export type OperatorStatusReport = z.infer<typeof operatorStatusReportSchema>;

export const reconcileRequestSchema = z.object({
  day: z.iso.date('Ngày đối soát phải có dạng YYYY-MM-DD.'),
});

export interface ReconciliationMismatch {
  waybill: string;
  kind: 'missing_in_statement' | 'unknown_to_us' | 'postage_differs' | 'fees_differ';
  ours: { postage: number | null; collectedFees: number } | null;
  theirs: { postage: number; collectedFees: number } | null;
  /** What the clerk does about it. */
  action: string;
}

export interface ReconciliationView {
  day: string;
  dayDisplay: string;
  orders: number;
  totals: { postage: number; collectedFees: number };
  mismatches: ReconciliationMismatch[];
}

/** An order's status as the operator reported it, in the operator's event time. */
export const postalOrderStatusChangedV1 = defineEvent(
  'postal',
  'order',
  'status-changed',
  1,
  z.object({
    orderId: z.uuid(),
    leg: z.enum(POSTAL_LEGS),
    waybill: z.string(),
    status: z.enum(POSTAL_STATUSES),
    eventTime: z.iso.datetime({ offset: true }),
    reason: z.string().nullable(),
    slip: z.object({ number: z.string(), signedBy: z.string() }).nullable(),
    dossierId: z.uuid().nullable(),
    /** For a pickup handed to the centre: what the dossier service receives (channel post). */
    submission: z
      .object({
        procedureCode: z.string(),
        receivingUnitCode: z.string(),
        applicant: applicantSchema,
        components: z.array(submittedComponentSchema),
        returnMethod: z.enum(['counter', 'post']),
        returnAddress: z.string().optional(),
        ownerSubject: z.string().nullable(),
        /** The steps before the receipt, for the dossier's history. */
        earlierSteps: z.array(
          z.object({
            status: z.enum(POSTAL_STATUSES),
            eventTime: z.string(),
            waybill: z.string(),
            reason: z.string().nullable(),
            slip: z.object({ number: z.string(), signedBy: z.string() }).nullable(),
          }),
        ),
      })
      .nullable(),
  }),
);

/**
 * The signature of a message between the platform and the postal operator,
 * either way: HMAC-SHA256 with the shared secret over `timestamp.body`, the
 * timestamp in Unix seconds. Sent as `x-postal-timestamp` and
 * `x-postal-signature: v1=<hex>`.
 */
export const POSTAL_HEADERS = { timestamp: 'x-postal-timestamp', signature: 'x-postal-signature' } as const;

const unitCodeSchema = z.string({ error: 'Thiếu mã đơn vị tiếp nhận.' }).trim().regex(/^\d{2}(\d{3})?$/, 'Mã đơn vị gồm 2 (tỉnh) hoặc 5 (xã, phường) chữ số.');

/** The hand-over lists of a one-stop centre with the post: what waits to change hands, and the lists drawn up. */
export const handoverBoardRequestSchema = z.object({ unitCode: unitCodeSchema });

/** The clerk draws up the list of everything waiting to change hands with the postal worker now at the centre. */
export const prepareHandoverRequestSchema = z.object({ unitCode: unitCodeSchema });

/**
 * One side signs the list off: the clerk with their own sign-in, the postal
 * worker through the operator's partner client, naming the worker.
 */
export const confirmHandoverRequestSchema = z.object({
  handoverId: z.uuid('Mã biên bản giao nhận không hợp lệ.'),
  postalWorker: z
    .object({
      name: z.string({ error: 'Thiếu họ tên nhân viên bưu chính.' }).trim().min(1, 'Chưa nhập họ tên nhân viên bưu chính.').max(200),
      staffCode: z.string({ error: 'Thiếu mã nhân viên bưu chính.' }).trim().regex(/^[A-Za-z0-9-]{1,40}$/, 'Mã nhân viên bưu chính gồm chữ, số, dấu gạch ngang.'),
    })
    .optional(),
});
export type ConfirmHandoverRequest = z.infer<typeof confirmHandoverRequestSchema>;

/**
 * bring: a dossier the postal worker picked up from a citizen, handed to the
 * centre with the fees collected for it; take: a result the worker takes from
 * the centre to deliver.
 */
export type HandoverDirection = 'bring' | 'take';

export interface HandoverItem {
  orderId: string;
  direction: HandoverDirection;
  waybill: string | null;
  procedureCode: string;
  dossierCode: string | null;
  contactName: string;
  address: string;
  collectedFees: number;
}

export interface HandoverSignature {
  /** The clerk's username, or the postal worker's name. */
  name: string;
  /** The postal worker's staff code; null for the clerk. */
  staffCode: string | null;
  at: string;
  atDisplay: string;
}

export interface HandoverView {
  id: string;
  unitCode: string;
  status: 'awaiting_signatures' | 'signed';
  statusLabel: string;
  preparedBy: string;
  preparedAt: string;
  preparedAtDisplay: string;
  bring: HandoverItem[];
  take: HandoverItem[];
  /** The fees the post collected on the agency's behalf for the dossiers it brings. */
  collectedFees: number;
  centreSignature: HandoverSignature | null;
  postSignature: HandoverSignature | null;
}

export interface HandoverBoardView {
  unitCode: string;
  /** Waiting to change hands and on no list yet. */
  pending: { bring: HandoverItem[]; take: HandoverItem[] };
  /** The latest lists, newest first. */
  handovers: HandoverView[];
}
