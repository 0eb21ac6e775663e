import { api, unwrap } from '../../../lib/api';
import type { components } from '@mc/web-api';

export type StaffNotice = components['schemas']['StaffNoticeView'];

export const NOTICE_KIND_LABELS: Record<StaffNotice['kind'], string> = {
  new_in_queue: 'Hồ sơ mới',
  due_soon: 'Sắp đến hạn',
  overdue: 'Quá hạn',
};

/** The signed-in staff member's unread notices, newest first, and how many they have unread in all. */
export const unreadNotices = () => unwrap(api.GET('/api/v1/notifications/staff-notices', { params: { query: { unread: 'true', limit: 20 } } }));

export const markNoticesRead = (ids: string[]) => unwrap(api.POST('/api/v1/notifications/staff-notices/read', { body: { ids } }));
