import { api, unwrap } from '../../../lib/api';
import type { paths } from '@mc/web-api';

export type ActionRequest = paths['/api/v1/dossiers/{code}/actions']['post']['requestBody']['content']['application/json'];

export const dossier = (code: string) => unwrap(api.GET('/api/v1/dossiers/{code}', { params: { path: { code } } }));
export const dossierHistory = (code: string) => unwrap(api.GET('/api/v1/dossiers/{code}/history', { params: { path: { code } } }));

export const actOnDossier = (code: string, body: ActionRequest, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/dossiers/{code}/actions', { params: { path: { code }, header: { 'Idempotency-Key': idempotencyKey } }, body }));
