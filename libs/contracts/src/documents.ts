import { z } from 'zod';
import { UPLOAD_FILE_KINDS, type UploadFileKind } from './catalog';
import { defineEvent } from './events';
import { personalIdNumber } from './identity';

/**
 * Documents: the dossier's files in the object store (uploads stream over the
 * documents service's own HTTP listener, never over NATS), their versions, the
 * citizen's store of verified documents, and the official forms as PDFs.
 */
export const DocumentsSubjects = {
  renderForm: 'documents.form.render',
  listDossierDocuments: 'documents.document.list',
  /** Keeps a verified document (a signed result, a certified copy) in the applicant's store. */
  storeVerified: 'documents.store.verified',
  listStore: 'documents.store.list',
  reuseFromStore: 'documents.store.reuse',
  applyRetention: 'documents.retention.apply',
} as const;

/** What the documents service answers on its own HTTP listener; the gateway forwards these paths as they are. */
export const DOCUMENTS_HTTP_PATHS = { uploads: '/uploads', content: '/documents/:documentId/content' } as const;

/** How each kind of file is named and served. */
export const UPLOAD_FILE_TYPES: Record<UploadFileKind, { label: string; contentType: string; extensions: string[] }> = {
  pdf: { label: 'PDF', contentType: 'application/pdf', extensions: ['pdf'] },
  jpeg: { label: 'ảnh JPEG', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] },
  png: { label: 'ảnh PNG', contentType: 'image/png', extensions: ['png'] },
  tiff: { label: 'ảnh TIFF', contentType: 'image/tiff', extensions: ['tif', 'tiff'] },
  docx: { label: 'văn bản Word (DOCX)', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { label: 'bảng tính Excel (XLSX)', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  xml: { label: 'dữ liệu XML', contentType: 'application/xml', extensions: ['xml'] },
};

/**
 * Why a file is uploaded: with the dossier (`submission`), replacing a
 * component on a supplement request (`supplement`), or a clerk scanning a
 * paper component or result at the counter (`digitisation`, số hóa).
 */
export const UPLOAD_PURPOSES = ['submission', 'supplement', 'digitisation'] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];

/** A file name as the client sends it: kept for the download, never used as a storage key. */
export const fileNameSchema = z
  .string({ error: 'Thiếu tên tệp (filename).' })
  .trim()
  .min(1, 'Thiếu tên tệp (filename).')
  .max(200, 'Tên tệp tối đa 200 ký tự.')
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  .refine((name) => !/[/\\]|\.\.|[\u0000-\u001f\u007f]/.test(name) && !name.startsWith('.'), {
    message: 'Tên tệp không hợp lệ: không được chứa đường dẫn («/», «\\», «..») hay ký tự điều khiển; hãy đặt lại tên tệp, ví dụ "to-khai.pdf".',
  })
  .refine((name) => /\.[A-Za-z0-9]{2,5}$/.test(name), { message: 'Tên tệp cần có phần mở rộng, ví dụ ".pdf" hoặc ".jpg".' });

const dossierCodeField = z.string({ error: 'Thiếu mã hồ sơ (dossierCode).' }).trim().min(1, 'Thiếu mã hồ sơ (dossierCode).').max(60, 'Mã hồ sơ tối đa 60 ký tự.');

/** Which file of a dossier: a component by its number in the procedure version (1 = the first), or the result. */
export const slotSchema = z
  .string({ error: 'Thiếu thành phần hồ sơ (component): số thứ tự thành phần, hoặc "result" cho kết quả.' })
  .trim()
  .regex(/^([1-9]\d{0,1}|result)$/, 'Thành phần hồ sơ (component) phải là số thứ tự thành phần (1, 2, …) hoặc "result" cho kết quả.');

/** The tus `Upload-Metadata` of a new upload, decoded. */
export const uploadMetadataSchema = z.object({
  dossierCode: dossierCodeField,
  component: slotSchema,
  purpose: z.enum(UPLOAD_PURPOSES, `Mục đích tải lên (purpose) phải là một trong: ${UPLOAD_PURPOSES.join(', ')}.`).default('submission'),
  filename: fileNameSchema,
});
export type UploadMetadata = z.infer<typeof uploadMetadataSchema>;

export const listDossierDocumentsRequestSchema = z.object({ code: dossierCodeField });

const documentIdField = z.uuid('Mã tài liệu (documentId) không hợp lệ.');

/**
 * The contract the signatures service stores a signed result by: the file
 * itself (a PDF of at most `STORE_INLINE_MAX_BYTES`, base64) or a document
 * already uploaded to the dossier. The owner is the dossier's applicant, never
 * a number the caller names.
 */
export const STORE_INLINE_MAX_BYTES = 600 * 1024;
export const storeVerifiedDocumentRequestSchema = z
  .object({
    dossierCode: dossierCodeField,
    kind: z.enum(['result', 'certified_copy'], 'Loại giấy tờ (kind) phải là result (kết quả) hoặc certified_copy (bản sao chứng thực).'),
    title: z.string({ error: 'Thiếu tên giấy tờ (title).' }).trim().min(1, 'Thiếu tên giấy tờ (title).').max(300, 'Tên giấy tờ tối đa 300 ký tự.'),
    documentId: documentIdField.optional(),
    file: z
      .object({
        filename: fileNameSchema,
        base64: z
          .string({ error: 'Nội dung tệp (base64) phải là chuỗi base64.' })
          .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Nội dung tệp (base64) phải là chuỗi base64.')
          .max(Math.ceil(STORE_INLINE_MAX_BYTES / 3) * 4, `Tệp gửi kèm tối đa ${STORE_INLINE_MAX_BYTES / 1024} KB; tệp lớn hơn hãy tải lên hồ sơ rồi gửi documentId.`),
      })
      .optional(),
    /** Until when it may be reused (a certified copy's use is limited); open when absent. */
    validUntil: z.iso.date('Ngày hết hiệu lực (validUntil) phải có dạng yyyy-mm-dd.').optional(),
  })
  .refine((input) => (input.documentId === undefined) !== (input.file === undefined), {
    message: 'Gửi đúng một trong hai: documentId (tài liệu đã tải lên hồ sơ) hoặc file (tệp kèm theo).',
  });
export type StoreVerifiedDocumentRequest = z.infer<typeof storeVerifiedDocumentRequestSchema>;

export const listStoreRequestSchema = z.object({ idNumber: personalIdNumber });

export const reuseFromStoreRequestSchema = z.object({
  code: dossierCodeField,
  verifiedDocumentId: z.uuid('Mã giấy tờ trong kho (verifiedDocumentId) không hợp lệ.'),
  component: slotSchema,
});

export const applyRetentionRequestSchema = z.object({
  /** The day the rules are applied for (Vietnam calendar day); today when absent. */
  asOf: z.iso.date('Ngày áp dụng (asOf) phải có dạng yyyy-mm-dd.').optional(),
});

/** One stored version of a dossier's file. */
export interface DocumentView {
  id: string;
  dossierCode: string;
  /** `"1"`, `"2"`, … (the component's number in the procedure version) or `"result"`. */
  component: string;
  componentName: string;
  version: number;
  /** The latest version of its component; earlier ones stay downloadable. */
  current: boolean;
  /** `issued`: a verified result the issuing unit stored; `reuse`: taken from the citizen's store. */
  purpose: UploadPurpose | 'reuse' | 'issued';
  filename: string;
  kind: UploadFileKind;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
  uploadedAtDisplay: string;
  /** Set when the file was taken from the citizen's store instead of being uploaded. */
  verifiedDocumentId: string | null;
  /** Streams the bytes to whoever may read the dossier. */
  contentPath: string;
}

export interface DossierDocumentsView {
  dossierCode: string;
  documents: DocumentView[];
  /** The components and result with at least one digitised file (scanned at the counter). */
  digitised: string[];
}

/** A verified document in a citizen's store (kho dữ liệu điện tử của tổ chức, cá nhân). */
export interface VerifiedDocumentView {
  id: string;
  ownerIdNumber: string;
  kind: 'result' | 'certified_copy';
  title: string;
  documentId: string;
  sourceDossierCode: string;
  issuedByUnitCode: string;
  storedAt: string;
  storedAtDisplay: string;
  validUntil: string | null;
  sha256: string;
  size: number;
  contentType: string;
  reuseCount: number;
}

export interface CitizenStoreView {
  idNumber: string;
  documents: VerifiedDocumentView[];
}

export interface RetentionRunView {
  asOf: string;
  deleted: number;
}

const documentEventBase = z.object({
  documentId: z.uuid(),
  dossierCode: z.string(),
  component: z.string(),
  version: z.number().int(),
  receivingUnitCode: z.string(),
  at: z.iso.datetime({ offset: true }),
  by: z.string(),
});
export const documentUploadedV1 = defineEvent(
  'documents',
  'document',
  'uploaded',
  1,
  documentEventBase.extend({ purpose: z.enum(UPLOAD_PURPOSES), kind: z.enum(UPLOAD_FILE_KINDS), size: z.number().int(), sha256: z.string() }),
);
/** A newer version of a component: the earlier one is kept. */
export const documentReplacedV1 = defineEvent('documents', 'document', 'replaced', 1, documentEventBase.extend({ previousDocumentId: z.uuid() }));
/** A file scanned at the counter from a paper component or result: the digitisation indicator counts these. */
export const documentDigitisedV1 = defineEvent('documents', 'document', 'digitised', 1, documentEventBase);
/** A verified document from the citizen's store used in place of an upload: the reuse indicator counts these. */
export const documentReusedV1 = defineEvent('documents', 'document', 'reused', 1, documentEventBase.extend({ verifiedDocumentId: z.uuid() }));
export const verifiedDocumentStoredV1 = defineEvent(
  'documents',
  'verified-document',
  'stored',
  1,
  z.object({ verifiedDocumentId: z.uuid(), documentId: z.uuid(), kind: z.enum(['result', 'certified_copy']), dossierCode: z.string(), at: z.iso.datetime({ offset: true }) }),
);


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
      /**
       * The tracking token printed on the receipt: the QR code carries it, so it is checked against the dossier first.
       * Left out (a reprint), the dossier service gives it to whoever may receive at the dossier's unit.
       */
      token: z.string().trim().min(1, 'Mã tra cứu (token) không được để trống.').max(200, 'Mã tra cứu tối đa 200 ký tự.').optional(),
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
