import { apiErrorOf } from '@mc/web-api';
import { api, unwrap } from '../../../lib/api';
import { currentUser } from '../../../lib/auth';
import type { components } from '@mc/web-api';

export type SignatureView = components['schemas']['SignatureView'];
export type SigningRequestView = components['schemas']['SigningRequestView'];
export type SignatureKind = components['schemas']['SignatureKind'];
export type DocumentView = components['schemas']['DocumentView'];

export const dossierSignatures = (code: string) => unwrap(api.GET('/api/v1/dossiers/{code}/signatures', { params: { path: { code } } }));
export const dossierDocuments = (code: string) => unwrap(api.GET('/api/v1/dossiers/{code}/documents', { params: { path: { code } } }));

/** The leader asks to sign the dossier's latest draft result; answers a request that is pending until the key (or the phone) answers. */
export const signResult = (code: string) => unwrap(api.POST('/api/v1/dossiers/{code}/result-signatures', { params: { path: { code } }, body: {} }));
/** The unit's seal counter-signs the leader's signed result. */
export const sealResult = (code: string) => unwrap(api.POST('/api/v1/dossiers/{code}/seal-signatures', { params: { path: { code } }, body: {} }));
export const signingRequest = (id: string) => unwrap(api.GET('/api/v1/signing-requests/{id}', { params: { path: { id } } }));

export const verifyPdf = (base64: string) => unwrap(api.POST('/api/v1/signatures/verifications', { body: { base64 } }));

/** A file's bytes as base64, as the API takes a signed PDF inline. */
export const base64Of = (file: Blob) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(new Error('Không đọc được tệp đã chọn. Chọn lại tệp PDF.'));
    reader.readAsDataURL(file);
  });

/** A signed file of the dossier checked again now: a certificate revoked since it was recorded shows here. */
export async function verifyStoredDocument(documentId: string) {
  const user = await currentUser();
  const response = await fetch(`/api/v1/documents/${encodeURIComponent(documentId)}/content`, { headers: user ? { authorization: `Bearer ${user.access_token}` } : {} });
  if (!response.ok) throw await apiErrorOf(response);
  return verifyPdf(await base64Of(await response.blob()));
}

export const KIND_LABELS: Record<SignatureKind, string> = {
  result: 'Ký kết quả (lãnh đạo)',
  seal: 'Đóng dấu cơ quan',
  receipt: 'Ký giấy tiếp nhận',
  certified_copy: 'Chứng thực bản sao',
};

/** The draft result the leader signs: the newest `result` file the specialist uploaded (an `issued` one is the signed copy). */
export const latestDraft = (documents: DocumentView[]) =>
  documents.filter((document) => document.component === 'result' && document.purpose !== 'issued').reduce<DocumentView | null>((latest, document) => (latest && latest.version > document.version ? latest : document), null);
