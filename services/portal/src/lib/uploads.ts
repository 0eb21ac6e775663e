import { Upload } from 'tus-js-client';
import { currentUser } from './auth';

export interface UploadTarget {
  dossierCode: string;
  /** The component's number in the procedure version (`1`, `2`, …). */
  component: string;
  purpose: 'submission' | 'supplement';
}

/**
 * Sends one file to the documents service's tus endpoint and answers the id
 * of the stored document. A connection that drops is resumed from the bytes
 * the server kept (HEAD, then PATCH from that offset), up to five times over a
 * minute; each request carries a token renewed if it was about to expire.
 */
export function uploadFile(file: File, target: UploadTarget, onProgress: (fraction: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    let documentId: string | null = null;
    const upload = new Upload(file, {
      endpoint: '/api/v1/uploads',
      metadata: { dossierCode: target.dossierCode, component: target.component, purpose: target.purpose, filename: file.name },
      uploadSize: file.size,
      retryDelays: [0, 2_000, 5_000, 15_000, 30_000],
      // Nothing about the citizen's files stays in the browser once they are stored.
      removeFingerprintOnSuccess: true,
      async onBeforeRequest(request) {
        const user = await currentUser();
        if (user) request.setHeader('Authorization', `Bearer ${user.access_token}`);
      },
      onAfterResponse(_request, response) {
        documentId = response.getHeader('X-Document-Id') ?? documentId;
      },
      onProgress: (sent, total) => onProgress(total ? sent / total : 0),
      onError: (failure) => reject(uploadError(failure)),
      onSuccess: () => (documentId ? resolve(documentId) : reject(new Error('Máy chủ không xác nhận đã lưu tệp. Thử gửi lại tệp.'))),
    });
    upload.start();
  });
}

/** The API's own Vietnamese message when it refused the file (wrong kind, too large), otherwise what the citizen can do. */
function uploadError(failure: Error): Error {
  const response = (failure as { originalResponse?: { getStatus(): number; getBody(): string } | null }).originalResponse;
  if (response) {
    try {
      const body = JSON.parse(response.getBody()) as { error?: { message?: string } };
      if (body.error?.message) return new Error(body.error.message);
    } catch {
      // Not the API's answer (a proxy's page): the generic message below.
    }
    return new Error(`Máy chủ không nhận tệp (lỗi ${response.getStatus()}). Thử lại sau ít phút.`);
  }
  return new Error('Mất kết nối khi đang gửi tệp. Kiểm tra mạng rồi bấm “Gửi lại”: phần đã gửi không phải gửi lại.');
}
