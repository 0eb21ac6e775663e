import { useQuery } from '@tanstack/react-query';
import type { components } from '@mc/web-api';
import { api, apiErrorOf, unwrap } from '../../../lib/api';
import { currentUser } from '../../../lib/auth';

export type StoredDocument = components['schemas']['VerifiedDocumentView'];
export type DossierDocument = components['schemas']['DocumentView'];

/** The citizen's store of verified documents; only a number proven through VNeID or at the counter has one. */
export const useMyStore = (idNumber: string | null) =>
  useQuery({
    queryKey: ['my-store', idNumber],
    queryFn: () => unwrap(api.GET('/api/v1/citizens/{idNumber}/documents', { params: { path: { idNumber: idNumber ?? '' } } })),
    enabled: idNumber !== null,
  });

export const useDossierDocuments = (code: string) =>
  useQuery({ queryKey: ['dossier-documents', code], queryFn: () => unwrap(api.GET('/api/v1/dossiers/{code}/documents', { params: { path: { code } } })) });

/** A stored document becomes the component of a dossier with no upload: the same file, counted as reused. */
export const reuseStoredDocument = (code: string, verifiedDocumentId: string, component: string) =>
  unwrap(api.POST('/api/v1/dossiers/{code}/documents/reuse', { params: { path: { code } }, body: { verifiedDocumentId, component } }));

/** The name the server gives the file (`filename*`, UTF-8), or the one the page knows. */
const filenameOf = (response: Response, fallback: string) => {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(response.headers.get('content-disposition') ?? '')?.[1];
  return encoded ? decodeURIComponent(encoded) : fallback;
};

/** Downloads one stored file under its own name; the bytes need the citizen's token, so a plain link would not do. */
export async function downloadDocument(documentId: string, fallbackName: string): Promise<void> {
  const user = await currentUser();
  const response = await fetch(`/api/v1/documents/${encodeURIComponent(documentId)}/content`, {
    headers: user ? { authorization: `Bearer ${user.access_token}` } : {},
  });
  if (!response.ok) throw await apiErrorOf(response);
  const link = document.createElement('a');
  link.href = URL.createObjectURL(await response.blob());
  link.download = filenameOf(response, fallbackName);
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

/** 1,2 MB / 85 KB, as a citizen reads sizes. */
export function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1024)).toLocaleString('vi-VN')} KB`;
}
