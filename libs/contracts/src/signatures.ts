import { z } from 'zod';
import { fileNameSchema, STORE_INLINE_MAX_BYTES } from './documents';
import { defineEvent } from './events';

/**
 * Digital signatures (chữ ký số): a leader's signature on a dossier's result,
 * the unit's seal counter-signing it, the one-stop centre's signature on a
 * receipt, a clerk's certified electronic copy, and the verification of any
 * signed PDF. Every signature is recorded: who, unit, document hash,
 * certificate, time.
 */
export const SignaturesSubjects = {
  /** The competent unit's leader asks to sign the dossier's result; answers a pending signing request. */
  signResult: 'signatures.result.sign',
  /** A result the leader signed outside the platform (a token, another signing tool), checked and recorded. */
  registerSignedResult: 'signatures.result.register',
  /** The unit's seal counter-signs the leader's signed result. */
  sealResult: 'signatures.result.seal',
  signReceipt: 'signatures.receipt.sign',
  certifyCopy: 'signatures.copy.certify',
  getRequest: 'signatures.request.get',
  listDossierSignatures: 'signatures.signature.list',
  verify: 'signatures.document.verify',
} as const;

export const SIGNATURE_KINDS = ['result', 'seal', 'receipt', 'certified_copy'] as const;
export type SignatureKind = (typeof SIGNATURE_KINDS)[number];

export const SIGNING_REQUEST_STATUSES = ['pending', 'signed', 'refused', 'expired', 'failed'] as const;
export type SigningRequestStatus = (typeof SIGNING_REQUEST_STATUSES)[number];

const dossierCode = z.string({ error: 'Thiếu mã hồ sơ (dossierCode).' }).trim().min(1, 'Thiếu mã hồ sơ (dossierCode).').max(60, 'Mã hồ sơ tối đa 60 ký tự.');
const documentId = z.uuid('Mã tài liệu (documentId) không hợp lệ.');
/** A signed PDF travels inline, like a stored result: at most what the documents service takes inline. */
const pdfBase64 = z
  .string({ error: 'Thiếu nội dung tệp PDF (base64).' })
  .min(1, 'Thiếu nội dung tệp PDF (base64).')
  .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'Nội dung tệp (base64) phải là chuỗi base64.')
  .max(Math.ceil(STORE_INLINE_MAX_BYTES / 3) * 4, `Tệp PDF gửi kèm tối đa ${STORE_INLINE_MAX_BYTES / 1024} KB.`);

/** `documentId`: the draft result uploaded to the dossier (component `result`); the latest draft when absent. */
export const signResultRequestSchema = z.strictObject({ dossierCode, documentId: documentId.optional() }, 'Yêu cầu ký chỉ gồm dossierCode và documentId.');
export type SignResultRequest = z.infer<typeof signResultRequestSchema>;

export const registerSignedResultRequestSchema = z.strictObject(
  { dossierCode, filename: fileNameSchema.default('ket-qua-da-ky.pdf'), base64: pdfBase64 },
  'Yêu cầu chỉ gồm dossierCode, filename và base64.',
);
export type RegisterSignedResultRequest = z.infer<typeof registerSignedResultRequestSchema>;

export const sealResultRequestSchema = z.strictObject({ dossierCode }, 'Yêu cầu đóng dấu chỉ gồm dossierCode.');
export type SealResultRequest = z.infer<typeof sealResultRequestSchema>;

export const signReceiptRequestSchema = z.strictObject(
  {
    dossierCode,
    /** The tracking token printed on the receipt (its QR code carries it). */
    token: z.string({ error: 'Cần mã tra cứu (token) của giấy tiếp nhận.' }).trim().min(1, 'Cần mã tra cứu (token) của giấy tiếp nhận.').max(200, 'Mã tra cứu tối đa 200 ký tự.'),
  },
  'Yêu cầu ký giấy tiếp nhận chỉ gồm dossierCode và token.',
);
export type SignReceiptRequest = z.infer<typeof signReceiptRequestSchema>;

export const certifyCopyRequestSchema = z.strictObject(
  {
    dossierCode,
    /** The scan of the paper original, made at the counter (purpose `digitisation`), as a PDF. */
    documentId,
    title: z.string({ error: 'Thiếu tên giấy tờ (title).' }).trim().min(1, 'Thiếu tên giấy tờ (title).').max(300, 'Tên giấy tờ tối đa 300 ký tự.'),
    validUntil: z.iso.date('Ngày hết hiệu lực (validUntil) phải có dạng yyyy-mm-dd.').optional(),
  },
  'Yêu cầu chứng thực bản sao chỉ gồm dossierCode, documentId, title và validUntil.',
);
export type CertifyCopyRequest = z.infer<typeof certifyCopyRequestSchema>;

export const getSigningRequestSchema = z.object({ id: z.uuid('Mã yêu cầu ký (id) không hợp lệ.') });
export const listDossierSignaturesRequestSchema = z.object({ dossierCode });
export const verifyPdfRequestSchema = z.strictObject({ base64: pdfBase64 }, 'Yêu cầu kiểm tra chỉ gồm base64 (tệp PDF đã ký).');

/** One recorded signature: who signed, for which unit, over which bytes, with which certificate, when. */
export interface SignatureView {
  id: string;
  kind: SignatureKind;
  dossierCode: string;
  signer: string;
  signerName: string;
  unitCode: string;
  /** SHA-256 (hex) of the bytes the signature covers. */
  signedDigest: string;
  /** SHA-256 (hex) of the signed file. */
  documentSha256: string;
  certificateSerial: string;
  certificateSubject: string;
  signedAt: string;
  signedAtDisplay: string;
  /** The signed file: a version of the dossier's result, or the certified copy; null for a receipt, which is handed over. */
  documentId: string | null;
  verifiedDocumentId: string | null;
}

export interface SigningRequestView {
  id: string;
  kind: SignatureKind;
  dossierCode: string;
  requestedBy: string;
  requestedAt: string;
  status: SigningRequestStatus;
  /** Why it ended without a signature, in Vietnamese. */
  reason: string | null;
  finishedAt: string | null;
  signature: SignatureView | null;
  /** A signed receipt (Mẫu 01), base64, handed back to be given to the applicant; null for what is stored in the dossier's files. */
  signedPdfBase64: string | null;
}

export interface DossierSignaturesView {
  dossierCode: string;
  signatures: SignatureView[];
}

export type SignatureIntegrity = 'valid' | 'digest_mismatch' | 'signature_invalid' | 'malformed';
export type SignatureChainStatus = 'trusted' | 'untrusted' | 'expired' | 'not_yet_valid';
export type SignatureRevocation = 'good' | 'revoked' | 'unknown';

export interface SignatureFinding {
  index: number;
  signer: { commonName: string; subject: string; serialNumber: string; certificateSha256: string } | null;
  subFilter: string | null;
  signedAt: string | null;
  timeSource: 'timestamp' | 'claimed' | 'none';
  integrity: SignatureIntegrity;
  byteRange: number[];
  wholeDocument: boolean;
  /** What was appended after this signature, in order (later signatures, unsigned changes). */
  laterChanges: string[];
  chain: SignatureChainStatus;
  revocation: SignatureRevocation;
  revokedAt: string | null;
  timestamp: { time: string; authority: string; valid: boolean } | null;
  valid: boolean;
}

/** The machine-readable verification of a signed PDF. */
export interface VerificationReport {
  documentSha256: string;
  signatureCount: number;
  /** Every signature valid and the last one covering the whole file. */
  valid: boolean;
  signatures: SignatureFinding[];
}

export interface VerificationView {
  report: VerificationReport;
  /** The same in Vietnamese, for the clerk. */
  clerkReport: string;
}

/**
 * A signature recorded. The dossier service keeps the valid leader signatures
 * of results from it: an electronic result is not issued without one.
 */
export const signatureRecordedV1 = defineEvent(
  'signatures',
  'signature',
  'recorded',
  1,
  z.object({
    signatureId: z.uuid(),
    kind: z.enum(SIGNATURE_KINDS),
    dossierCode: z.string(),
    signer: z.string(),
    unitCode: z.string(),
    documentId: z.uuid().nullable(),
    documentSha256: z.string(),
    certificateSerial: z.string(),
    signedAt: z.iso.datetime({ offset: true }),
  }),
);
