import { api, unwrap } from '../../../lib/api';

/** The token goes in a header, not the address: addresses end up in logs and histories. */
export const trackDossier = (code: string, token: string) =>
  unwrap(api.GET('/api/v1/tracking/{code}', { params: { path: { code }, header: { 'X-Tracking-Token': token } } }));
