import { api, unwrap } from '../../../lib/api';
import type { paths } from '@mc/web-api';

export type QueueKind = 'mine' | 'unit' | 'due_soon' | 'overdue' | 'waiting_supplement' | 'inter_agency';

export const QUEUES: { key: QueueKind; label: string }[] = [
  { key: 'mine', label: 'Việc của tôi' },
  { key: 'unit', label: 'Của đơn vị' },
  { key: 'due_soon', label: 'Sắp đến hạn' },
  { key: 'overdue', label: 'Quá hạn' },
  { key: 'waiting_supplement', label: 'Chờ bổ sung' },
  { key: 'inter_agency', label: 'Liên thông' },
];

export const workQueueCounts = () => unwrap(api.GET('/api/v1/work-queues/counts', {}));

export type QueueFilter = NonNullable<paths['/api/v1/work-queues/{queue}']['get']['parameters']['query']>;

export const workQueuePage = (queue: QueueKind, filter: Pick<QueueFilter, 'procedureCode' | 'channel' | 'state'>, cursor: string | undefined) =>
  unwrap(api.GET('/api/v1/work-queues/{queue}', { params: { path: { queue }, query: { ...filter, limit: 50, cursor } } }));
