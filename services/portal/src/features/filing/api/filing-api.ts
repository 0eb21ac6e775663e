import type { paths } from '@mc/web-api';
import { api, unwrap } from '../../../lib/api';

export type ReceiveRequest = paths['/api/v1/dossiers']['post']['requestBody'] extends { content: { 'application/json': infer Body } } | undefined ? Body : never;

/** The platform serves one province; its communes and wards are where citizens file commune-level dossiers. */
const PROVINCE_CODE = '20';
/** The kinds of commune-level unit since 1 July 2025. */
const COMMUNE_KINDS = ['commune', 'ward', 'township', 'special_zone'];

export async function listReceivingUnits(level: string): Promise<{ code: string; name: string }[]> {
  const province = await unwrap(api.GET('/api/v1/units/{code}', { params: { path: { code: PROVINCE_CODE } } }));
  if (level !== 'commune') return [{ code: province.code, name: province.name }];
  return province.children
    .filter((unit) => COMMUNE_KINDS.includes(unit.kind) && !unit.validTo)
    .map((unit) => ({ code: unit.code, name: unit.name }))
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
}

/** Filed once whatever the connection does: a retry with the same key answers the first result. */
export const fileDossier = (body: ReceiveRequest, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/dossiers', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } }));
