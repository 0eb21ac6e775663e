import { api, unwrap } from '../../../lib/api';
import type { components } from '@mc/web-api';

export type ReturnRow = components['schemas']['WorkQueueItem'];

/**
 * The clerk's own queue at the return step, by state: approved results wait
 * to be issued, issued ones to be handed over. Keyset pages of 50.
 */
export const returnDeskPage = (state: 'approved' | 'result_ready', cursor: string | undefined) =>
  unwrap(api.GET('/api/v1/work-queues/{queue}', { params: { path: { queue: 'mine' }, query: { state, limit: 50, cursor } } }));

export const actAtReturnDesk = (row: ReturnRow, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/dossiers/{code}/actions', {
      params: { path: { code: row.code }, header: { 'Idempotency-Key': idempotencyKey } },
      body: row.state === 'approved' ? { action: 'issue_result' } : { action: 'return_result', returnMethod: row.returnMethod },
    }),
  );
