import { apiErrorOf } from '@mc/web-api';
import { currentUser } from '../../../lib/auth';

const TUS = { 'Tus-Resumable': '1.0.0' };
const metadataOf = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key} ${btoa(String.fromCharCode(...new TextEncoder().encode(value)))}`)
    .join(',');

/**
 * The specialist's draft result (a PDF of a few pages) sent to the documents
 * service's tus endpoint as the dossier's `result` file, in one PATCH: a drop
 * mid-file is answered by sending it again, which a draft this small allows.
 * Answers the stored document's id.
 */
export async function uploadDraftResult(dossierCode: string, file: File): Promise<string> {
  const user = await currentUser();
  const authorization: Record<string, string> = user ? { authorization: `Bearer ${user.access_token}` } : {};
  const created = await fetch('/api/v1/uploads', {
    method: 'POST',
    headers: {
      ...TUS,
      ...authorization,
      'Upload-Length': String(file.size),
      'Upload-Metadata': metadataOf({ dossierCode, component: 'result', purpose: 'submission', filename: file.name }),
    },
  });
  const location = created.headers.get('location');
  if (created.status !== 201 || !location) throw await apiErrorOf(created);
  const sent = await fetch(new URL(location, window.location.origin), {
    method: 'PATCH',
    headers: { ...TUS, ...authorization, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': '0' },
    body: file,
  });
  const documentId = sent.headers.get('x-document-id');
  if (!sent.ok || !documentId) throw await apiErrorOf(sent);
  return documentId;
}
