import { api, unwrap } from '../../../lib/api';

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

export const workQueuePage = (queue: QueueKind, cursor: string | undefined) =>
  unwrap(api.GET('/api/v1/work-queues/{queue}', { params: { path: { queue }, query: { limit: 50, cursor } } }));
