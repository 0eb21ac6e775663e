import type { Principal } from '@mc/auth';

/** Acts for the platform itself when it loads demo data at start; its path '/' covers the whole tree. */
export const SYSTEM_PRINCIPAL: Principal = {
  subject: '00000000-0000-0000-0000-000000000000',
  username: 'hệ thống',
  kind: 'staff',
  roles: [{ role: 'province_admin', unit: '', path: '/' }],
  clientId: '',
};
