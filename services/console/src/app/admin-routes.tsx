import { lazy, type ReactNode } from 'react';
import type { Grant } from '../lib/auth';

// Each screen is its own chunk; the reports carry the chart library, which no other screen loads.
const UnitsPage = lazy(() => import('../features/units/components/UnitsPage').then((module) => ({ default: module.UnitsPage })));
const AccountsPage = lazy(() => import('../features/accounts/components/AccountsPage').then((module) => ({ default: module.AccountsPage })));
const CatalogAdminPage = lazy(() => import('../features/catalog-admin/components/CatalogAdminPage').then((module) => ({ default: module.CatalogAdminPage })));
const CalendarPage = lazy(() => import('../features/calendar/components/CalendarPage').then((module) => ({ default: module.CalendarPage })));
const ReportsPage = lazy(() => import('../features/reports/components/ReportsPage').then((module) => ({ default: module.ReportsPage })));
const OperationsPage = lazy(() => import('../features/operations/components/OperationsPage').then((module) => ({ default: module.OperationsPage })));

const ADMIN_ROLES = ['province_admin', 'unit_admin'];
const REPORT_ROLES = ['province_admin', 'unit_admin', 'leader', 'inspector'];

/** The unit a screen opens on: the first unit where the user holds one of these roles. */
const unitFor = (grants: Grant[], roles: string[]) => grants.find((grant) => roles.includes(grant.role))?.unitCode;

/** Administration, reports and operations: the menu entries the user's roles open (the API checks each call again). */
export function adminNavItems(grants: Grant[]) {
  const admin = unitFor(grants, ADMIN_ROLES);
  return [
    ...(admin
      ? [
          {
            key: '/quan-tri',
            label: 'Quản trị',
            children: [
              { key: '/quan-tri/don-vi', label: 'Đơn vị' },
              { key: '/quan-tri/tai-khoan', label: 'Tài khoản, phân quyền' },
              { key: '/quan-tri/thu-tuc', label: 'Danh mục thủ tục' },
              { key: '/quan-tri/lich', label: 'Lịch làm việc' },
            ],
          },
        ]
      : []),
    ...(unitFor(grants, REPORT_ROLES) ? [{ key: '/bao-cao', label: 'Báo cáo' }] : []),
    ...(admin ? [{ key: '/van-hanh', label: 'Vận hành' }] : []),
  ];
}

/** The screen for an administration, report or operations path; undefined for any other path. */
export function adminPage(path: string, grants: Grant[]): ReactNode | undefined {
  const adminUnit = unitFor(grants, ADMIN_ROLES) ?? '';
  const isProvinceAdmin = grants.some((grant) => grant.role === 'province_admin');
  if (path === '/quan-tri/don-vi') return <UnitsPage rootCodes={[...new Set(grants.filter((grant) => ADMIN_ROLES.includes(grant.role)).map((grant) => grant.unitCode))]} />;
  if (path === '/quan-tri/tai-khoan') return <AccountsPage defaultUnit={adminUnit} />;
  if (path === '/quan-tri/thu-tuc') return <CatalogAdminPage isProvinceAdmin={isProvinceAdmin} defaultUnit={adminUnit} />;
  if (path === '/quan-tri/lich') return <CalendarPage isProvinceAdmin={isProvinceAdmin} defaultUnit={adminUnit} />;
  if (path === '/bao-cao') return <ReportsPage defaultUnit={unitFor(grants, REPORT_ROLES) ?? ''} />;
  if (path === '/van-hanh') return <OperationsPage />;
  return undefined;
}
