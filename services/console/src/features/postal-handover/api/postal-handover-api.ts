import { api, unwrap } from '../../../lib/api';
import type { components } from '@mc/web-api';

export type HandoverItem = components['schemas']['HandoverItem'];
export type HandoverView = components['schemas']['HandoverView'];

export const handoverBoard = (unitCode: string) => unwrap(api.GET('/api/v1/postal/handovers', { params: { query: { unitCode } } }));

export const prepareHandover = (unitCode: string) => unwrap(api.POST('/api/v1/postal/handovers', { body: { unitCode } }));

export const confirmHandover = (handoverId: string) =>
  unwrap(api.POST('/api/v1/postal/handovers/{handoverId}/confirmations', { params: { path: { handoverId } }, body: {} }));
