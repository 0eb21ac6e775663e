import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';
import { currentUser } from './auth';

/** An answer of the API that was not a success, with the Vietnamese message to show the clerk. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const bearer: Middleware = {
  async onRequest({ request }) {
    const user = await currentUser();
    if (user) request.headers.set('authorization', `Bearer ${user.access_token}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(bearer);

/** The data of an openapi-fetch answer, or the API's own error as an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  const body = (error ?? {}) as { error?: { code?: string; message?: string } };
  throw new ApiError(
    response.status,
    body.error?.code ?? 'UNKNOWN',
    body.error?.message ?? `Máy chủ trả lời lỗi ${response.status}. Thử lại sau ít phút; nếu vẫn lỗi, báo quản trị hệ thống.`,
  );
}

export type DossierForm = 'receipt' | 'supplement-request' | 'refusal' | 'apology' | 'stop-notice' | 'control-slip';

/** A PDF form the API renders (Mẫu 01–04, the stop notice, the control slip), opened in a new tab for printing. */
export async function openForm(code: string, form: DossierForm, token?: string): Promise<void> {
  const user = await currentUser();
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const response = await fetch(`/api/v1/dossiers/${encodeURIComponent(code)}/forms/${form}${query}`, {
    headers: user ? { authorization: `Bearer ${user.access_token}` } : {},
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    throw new ApiError(response.status, body.error?.code ?? 'UNKNOWN', body.error?.message ?? 'Không in được biểu mẫu.');
  }
  window.open(URL.createObjectURL(await response.blob()), '_blank');
}
