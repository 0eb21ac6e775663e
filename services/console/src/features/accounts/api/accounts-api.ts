import { api, unwrap } from '../../../lib/api';
import type { components } from '@mc/web-api';

export type AccountView = components['schemas']['AccountView'];

export const ROLE_OPTIONS = [
  { value: 'clerk', label: 'Tiếp nhận, trả kết quả (clerk)' },
  { value: 'specialist', label: 'Chuyên viên xử lý (specialist)' },
  { value: 'leader', label: 'Lãnh đạo phê duyệt (leader)' },
  { value: 'clerical', label: 'Văn thư (clerical)' },
  { value: 'unit_admin', label: 'Quản trị đơn vị (unit_admin)' },
  { value: 'inspector', label: 'Thanh tra, giám sát (inspector)' },
  { value: 'province_admin', label: 'Quản trị tỉnh (province_admin)' },
] as const;
export type RoleName = (typeof ROLE_OPTIONS)[number]['value'];

export const listAccounts = (unit: string, after: string | undefined) =>
  unwrap(api.GET('/api/v1/accounts', { params: { query: { unit, includeSubunits: 'true', limit: 50, after } } }));

export interface NewAccount {
  username: string;
  fullName: string;
  unitCode: string;
  employment: 'own' | 'seconded';
  password: string;
  phone?: string;
  email?: string;
  roles: { role: RoleName; unitCode: string }[];
}

export const createAccount = (body: NewAccount) => unwrap(api.POST('/api/v1/accounts', { body }));

export const grantRole = (accountId: string, role: RoleName, unitCode: string) =>
  unwrap(api.POST('/api/v1/accounts/{accountId}/roles', { params: { path: { accountId } }, body: { role, unitCode } }));

export const revokeRole = (accountId: string, grantId: string) =>
  unwrap(api.DELETE('/api/v1/accounts/{accountId}/roles/{grantId}', { params: { path: { accountId, grantId } } }));

export const disableAccount = (accountId: string, reason: string) =>
  unwrap(api.POST('/api/v1/accounts/{accountId}/disable', { params: { path: { accountId } }, body: { reason } }));

export const enableAccount = (accountId: string) => unwrap(api.POST('/api/v1/accounts/{accountId}/enable', { params: { path: { accountId } } }));
