import type { components } from '@mc/web-api';
import { api, unwrap } from '../../../lib/api';

export type ProcedureHit = components['schemas']['ProcedureSearchHit'];
export type ProcedureVersion = components['schemas']['ProcedureVersionView'];

/** Accents are optional: the catalog folds diacritics on both sides. */
export const searchProcedures = (q: string) =>
  unwrap(api.GET('/api/v1/catalog/procedures', { params: { query: { q: q || undefined, limit: 20 } } }));

export const getProcedure = (code: string) => unwrap(api.GET('/api/v1/catalog/procedures/{code}', { params: { path: { code } } }));
