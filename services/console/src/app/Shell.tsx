import { Button, Layout, Menu, Space, Spin, Typography } from 'antd';
import type { User } from 'oidc-client-ts';
import { lazy, Suspense } from 'react';
import { NoticeBell } from '../features/staff-notices/components/NoticeBell';
import { grantsOf, userManager, usernameOf, type Grant } from '../lib/auth';
import { navigate, usePath } from '../lib/router';
import { adminNavItems, adminPage } from './admin-routes';

// Each screen is its own chunk: a clerk's first load carries the shell and the screen it opens.
const DossierPage = lazy(() => import('../features/dossier/components/DossierPage').then((module) => ({ default: module.DossierPage })));
const ReceiveDossierPage = lazy(() => import('../features/counter/components/ReceiveDossierPage').then((module) => ({ default: module.ReceiveDossierPage })));
const DashboardPage = lazy(() => import('../features/dashboard/components/DashboardPage').then((module) => ({ default: module.DashboardPage })));
const PostalHandoverPage = lazy(() => import('../features/postal-handover/components/PostalHandoverPage').then((module) => ({ default: module.PostalHandoverPage })));
const ReturnDeskPage = lazy(() => import('../features/return-desk/components/ReturnDeskPage').then((module) => ({ default: module.ReturnDeskPage })));
const VerifyPage = lazy(() => import('../features/signatures/components/VerifyPage').then((module) => ({ default: module.VerifyPage })));
const WorkQueuePage = lazy(() => import('../features/work-queues/components/WorkQueuePage').then((module) => ({ default: module.WorkQueuePage })));

const ROLE_LABELS: Record<string, string> = {
  clerk: 'Tiếp nhận',
  specialist: 'Chuyên viên',
  leader: 'Lãnh đạo',
  clerical: 'Văn thư',
  unit_admin: 'Quản trị đơn vị',
  province_admin: 'Quản trị tỉnh',
};

function page(path: string, grants: Grant[]) {
  const admin = adminPage(path, grants);
  if (admin) return admin;
  const dossier = /^\/ho-so\/([^/]+)$/.exec(path);
  if (dossier) return <DossierPage code={decodeURIComponent(dossier[1])} />;
  if (path === '/tiep-nhan') return <ReceiveDossierPage />;
  if (path === '/hang-doi') return <WorkQueuePage />;
  if (path === '/giao-nhan-buu-chinh') return <PostalHandoverPage />;
  if (path === '/tra-ket-qua') return <ReturnDeskPage />;
  if (path === '/kiem-tra-chu-ky') return <VerifyPage />;
  return <DashboardPage />;
}

export function Shell({ user }: { user: User }) {
  const path = usePath();
  const grants = grantsOf(user);
  const isClerk = grants.some((grant) => grant.role === 'clerk');
  const items = [
    { key: '/', label: 'Tổng quan' },
    ...(isClerk ? [{ key: '/tiep-nhan', label: 'Tiếp nhận hồ sơ' }] : []),
    { key: '/hang-doi', label: 'Hồ sơ cần xử lý' },
    ...(isClerk ? [{ key: '/giao-nhan-buu-chinh', label: 'Giao nhận bưu chính' }] : []),
    ...(isClerk ? [{ key: '/tra-ket-qua', label: 'Trả kết quả' }] : []),
    { key: '/kiem-tra-chu-ky', label: 'Kiểm tra chữ ký số' },
    ...adminNavItems(grants),
  ];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          Một cửa điện tử
        </Typography.Text>
        <nav aria-label="Chức năng" style={{ flex: 1, minWidth: 0 }}>
          <Menu theme="dark" mode="horizontal" selectedKeys={[path.startsWith('/ho-so/') ? '/hang-doi' : path]} items={items} onClick={({ key }) => navigate(key)} />
        </nav>
        <Space>
          <NoticeBell />
          <Typography.Text style={{ color: '#fff' }}>
            {usernameOf(user)} · {grants.map((grant) => `${ROLE_LABELS[grant.role] ?? grant.role} ${grant.unitCode}`).join(', ')}
          </Typography.Text>
          <Button size="small" onClick={() => void userManager().then((manager) => manager.removeUser()).then(() => window.location.assign('/'))}>
            Đăng xuất
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 24 }}>
        <main>
          <Suspense fallback={<Spin tip="Đang tải…" />}>{page(path, grants)}</Suspense>
        </main>
      </Layout.Content>
    </Layout>
  );
}
