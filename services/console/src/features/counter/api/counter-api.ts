import { api, ApiError, unwrap } from '../../../lib/api';
import type { components, paths } from '@mc/web-api';

export type ReceiveRequest = paths['/api/v1/dossiers']['post']['requestBody']['content']['application/json'];
export type ReceiveResult = components['schemas']['ReceiveDossierResult'];

/** Diacritic-insensitive: "dang ky khai sinh" finds "Đăng ký khai sinh". */
export const searchProcedures = (q: string) => unwrap(api.GET('/api/v1/catalog/procedures', { params: { query: { q, limit: 10 } } }));

export const procedureInForce = (code: string) =>
  unwrap(api.GET('/api/v1/catalog/procedures/{code}/versions/in-force', { params: { path: { code } } }));

export const receiveDossier = (body: ReceiveRequest, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/dossiers', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));

export type ReturningApplicant = components['schemas']['ReturningApplicant'];

/** The applicant as the unit last received them; null for a first visit (the API's 404). */
export const returningApplicant = (idNumber: string): Promise<ReturningApplicant | null> =>
  unwrap(api.GET('/api/v1/applicants/{idNumber}', { params: { path: { idNumber } } })).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  });
