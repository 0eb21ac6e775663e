import { api, unwrap } from '../../../lib/api';
import type { operations } from '@mc/web-api';

export type NewProcedure = operations['ProceduresController_create']['requestBody']['content']['application/json'];
export type AdoptionChange = NonNullable<operations['UnitAdoptionsController_put']['requestBody']>['content']['application/json'];

export const VERSION_STATUS_LABELS: Record<string, { label: string; tone: 'warning' | 'good' | 'bad' }> = {
  draft: { label: 'Bản nháp', tone: 'warning' },
  published: { label: 'Đã công bố', tone: 'good' },
  withdrawn: { label: 'Đã thu hồi', tone: 'bad' },
};

export const ONLINE_LABELS: Record<string, string> = { full: 'Trực tuyến toàn trình', partial: 'Trực tuyến một phần', none: 'Không trực tuyến' };

export const listFields = () => unwrap(api.GET('/api/v1/catalog/fields', {}));

export const searchProcedures = (q: string, offset: number) =>
  unwrap(api.GET('/api/v1/catalog/procedures', { params: { query: { q: q || undefined, limit: 20, offset } } }));

export const listVersions = (code: string) => unwrap(api.GET('/api/v1/catalog/procedures/{code}/versions', { params: { path: { code } } }));

export const getVersion = (code: string, version: number) =>
  unwrap(api.GET('/api/v1/catalog/procedures/{code}/versions/{version}', { params: { path: { code, version: String(version) } } }));

export const createProcedure = (body: NewProcedure) => unwrap(api.POST('/api/v1/catalog/procedures', { body }));

export const createVersion = (code: string, effectiveFrom: string) =>
  unwrap(api.POST('/api/v1/catalog/procedures/{code}/versions', { params: { path: { code } }, body: { effectiveFrom } }));

export const publishVersion = (code: string, version: number) =>
  unwrap(api.POST('/api/v1/catalog/procedures/{code}/versions/{version}/publish', { params: { path: { code, version: String(version) } } }));

export const withdrawVersion = (code: string, version: number, reason: string) =>
  unwrap(api.POST('/api/v1/catalog/procedures/{code}/versions/{version}/withdraw', { params: { path: { code, version: String(version) } }, body: { reason } }));

export const getAdoption = (unitCode: string, code: string) =>
  unwrap(api.GET('/api/v1/catalog/units/{unitCode}/adoptions/{code}', { params: { path: { unitCode, code } } }));

export const putAdoption = (unitCode: string, code: string, body: AdoptionChange) =>
  unwrap(api.PUT('/api/v1/catalog/units/{unitCode}/adoptions/{code}', { params: { path: { unitCode, code } }, body }));
