import { z } from 'zod';

/**
 * Documents: the official forms of a dossier rendered as printable PDFs (and,
 * to come, the dossier's files in the object store).
 */
export const DocumentsSubjects = {
  renderForm: 'documents.form.render',
} as const;

/**
 * The forms printed for one dossier. Keys, not numbers, because the numbers
 * moved between regimes (the control slip is Mẫu 05 under TT 01/2018 and Mẫu 06
 * under TT 03/2025).
 */
export const DOSSIER_FORMS = ['receipt', 'supplement-request', 'refusal', 'apology', 'stop-notice', 'control-slip'] as const;
export type DossierForm = (typeof DOSSIER_FORMS)[number];

const dossierCode = z.string({ error: 'Thiếu mã hồ sơ.' }).trim().min(1, 'Thiếu mã hồ sơ.').max(60, 'Mã hồ sơ tối đa 60 ký tự.');

export const renderFormRequestSchema = z.discriminatedUnion(
  'form',
  [
    z.object({
      form: z.literal('receipt'),
      code: dossierCode,
      /** The tracking token printed on the receipt: the QR code carries it, so it is checked against the dossier first. */
      token: z
        .string({ error: 'Cần mã tra cứu (token) của giấy tiếp nhận để in mã QR tra cứu.' })
        .trim()
        .min(1, 'Cần mã tra cứu (token) của giấy tiếp nhận để in mã QR tra cứu.')
        .max(200, 'Mã tra cứu tối đa 200 ký tự.'),
    }),
    z.object({
      form: z.literal(['supplement-request', 'refusal', 'apology', 'stop-notice', 'control-slip']),
      code: dossierCode,
      /** Which apology (1 = the first) when a dossier has several; the latest by default. */
      number: z.number({ error: 'Số thứ tự văn bản phải là số.' }).int('Số thứ tự văn bản phải là số nguyên.').min(1, 'Số thứ tự văn bản bắt đầu từ 1.').max(50).optional(),
    }),
    z.object({
      form: z.literal('tracking-book'),
      unitCode: z.string({ error: 'Thiếu mã đơn vị.' }).trim().min(2, 'Mã đơn vị không hợp lệ.').max(40, 'Mã đơn vị không hợp lệ.'),
      from: z.iso.date('Ngày bắt đầu phải có dạng yyyy-mm-dd.'),
      to: z.iso.date('Ngày kết thúc phải có dạng yyyy-mm-dd.'),
    }),
  ],
  { error: `Biểu mẫu phải là một trong: ${[...DOSSIER_FORMS, 'tracking-book'].join(', ')}.` },
);
export type RenderFormRequest = z.infer<typeof renderFormRequestSchema>;

/**
 * A rendered form. It crosses NATS base64-encoded inside the JSON reply: a form
 * is tens of kilobytes (one page or a few, with the font subset), far under the
 * bus's message limit; a dossier's files never travel this way.
 */
export interface RenderedForm {
  fileName: string;
  contentType: 'application/pdf';
  /** The official title of the form in the dossier's regime. */
  title: string;
  base64: string;
}
