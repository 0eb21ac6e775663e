import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api-schema';

/** An answer of the API that was not a success, with the Vietnamese message to show the person at the screen. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The typed client of the gateway's API, sending the signed-in user's access token when there is one. */
export function createApi(baseUrl: string, accessToken: () => Promise<string | null>) {
  const bearer: Middleware = {
    async onRequest({ request }) {
      const token = await accessToken();
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
  };
  const api = createClient<paths>({ baseUrl });
  api.use(bearer);
  return api;
}
export type Api = ReturnType<typeof createApi>;

/** The data of an openapi-fetch answer, or the API's own error as an ApiError. */
export async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  throw await apiErrorOf(response, error);
}

/** The API's error body as an ApiError; a body that is not the API's (a proxy's page) still gives a message a person can act on. */
export async function apiErrorOf(response: Response, body?: unknown): Promise<ApiError> {
  const parsed = (body ?? (await response.json().catch(() => ({})))) as { error?: { code?: string; message?: string } };
  return new ApiError(
    response.status,
    parsed.error?.code ?? 'UNKNOWN',
    parsed.error?.message ?? `Máy chủ trả lời lỗi ${response.status}. Thử lại sau ít phút; nếu vẫn lỗi, báo quản trị hệ thống.`,
  );
}
