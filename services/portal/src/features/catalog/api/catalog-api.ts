import type { components } from '@mc/web-api';
import { api, unwrap } from '../../../lib/api';

export type ProcedureHit = components['schemas']['ProcedureSearchHit'];
export type ProcedureVersion = components['schemas']['ProcedureVersionView'];

/** Accents are optional: the catalog folds diacritics on both sides. */
export const searchProcedures = (q: string) =>
  unwrap(api.GET('/api/v1/catalog/procedures', { params: { query: { q: q || undefined, limit: 20 } } }));

export const getProcedure = (code: string) => unwrap(api.GET('/api/v1/catalog/procedures/{code}', { params: { path: { code } } }));

/** The version a dossier was received under: its components keep their numbers for the dossier's whole life. */
export const getProcedureVersion = (code: string, version: number) =>
  unwrap(api.GET('/api/v1/catalog/procedures/{code}/versions/{version}', { params: { path: { code, version: String(version) } } }));
