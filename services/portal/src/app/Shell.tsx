import { Spin } from 'antd';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { useSession } from '../lib/session';
import { followLink, href, usePath } from '../lib/router';

// Each page is its own chunk: a phone opening the QR link loads the shell and the tracking page only.
const CatalogPage = lazy(() => import('../features/catalog/components/CatalogPage').then((m) => ({ default: m.CatalogPage })));
const ProcedurePage = lazy(() => import('../features/catalog/components/ProcedurePage').then((m) => ({ default: m.ProcedurePage })));
const TrackingPage = lazy(() => import('../features/tracking/components/TrackingPage').then((m) => ({ default: m.TrackingPage })));
const SignInPage = lazy(() => import('../features/sign-in/components/SignInPage').then((m) => ({ default: m.SignInPage })));
const SignInCallback = lazy(() => import('../features/sign-in/components/SignInCallback').then((m) => ({ default: m.SignInCallback })));
const FilingPage = lazy(() => import('../features/filing/components/FilingPage').then((m) => ({ default: m.FilingPage })));
const MyDossiersPage = lazy(() => import('../features/my-dossiers/components/MyDossiersPage').then((m) => ({ default: m.MyDossiersPage })));
const MyDossierPage = lazy(() => import('../features/my-dossiers/components/MyDossierPage').then((m) => ({ default: m.MyDossierPage })));
const SupplementPage = lazy(() => import('../features/my-dossiers/components/SupplementPage').then((m) => ({ default: m.SupplementPage })));
const RatingPage = lazy(() => import('../features/my-dossiers/components/RatingPage').then((m) => ({ default: m.RatingPage })));
const MyDocumentsPage = lazy(() => import('../features/my-documents/components/MyDocumentsPage').then((m) => ({ default: m.MyDocumentsPage })));

/** Pages for a signed-in citizen send anyone else to sign in first, and back here afterwards. */
function SignedIn({ children }: { children: ReactNode }) {
  const session = useSession();
  if (session.status === 'loading') return <Spin tip="Đang tải…" />;
  if (session.status === 'anonymous') return <SignInPage />;
  return <>{children}</>;
}

function page(path: string): { title: string; element: ReactNode } {
  const decode = decodeURIComponent;
  let match: RegExpExecArray | null;
  if ((match = /^\/thu-tuc\/([^/]+)$/.exec(path))) return { title: 'Thủ tục', element: <ProcedurePage code={decode(match[1])} /> };
  if ((match = /^\/tra-cuu(?:\/([^/]+))?$/.exec(path))) return { title: 'Tra cứu hồ sơ', element: <TrackingPage code={match[1] ? decode(match[1]) : undefined} /> };
  if (path === '/dang-nhap/xong') return { title: 'Đăng nhập', element: <SignInCallback /> };
  if (path === '/dang-nhap') return { title: 'Đăng nhập', element: <SignInPage /> };
  if ((match = /^\/nop-ho-so\/([^/]+)(?:\/([^/]+))?$/.exec(path))) {
    return { title: 'Nộp hồ sơ trực tuyến', element: <SignedIn><FilingPage code={decode(match[1])} step={match[2]} /></SignedIn> };
  }
  if (path === '/ho-so') return { title: 'Hồ sơ của tôi', element: <SignedIn><MyDossiersPage /></SignedIn> };
  if ((match = /^\/ho-so\/([^/]+)\/bo-sung$/.exec(path))) return { title: 'Bổ sung hồ sơ', element: <SignedIn><SupplementPage code={decode(match[1])} /></SignedIn> };
  if ((match = /^\/ho-so\/([^/]+)\/danh-gia$/.exec(path))) return { title: 'Đánh giá', element: <SignedIn><RatingPage code={decode(match[1])} /></SignedIn> };
  if ((match = /^\/ho-so\/([^/]+)$/.exec(path))) return { title: 'Hồ sơ', element: <SignedIn><MyDossierPage code={decode(match[1])} /></SignedIn> };
  if (path === '/giay-to') return { title: 'Giấy tờ của tôi', element: <SignedIn><MyDocumentsPage /></SignedIn> };
  return { title: 'Thủ tục hành chính', element: <CatalogPage /> };
}

const NAV = [
  { to: '/', label: 'Thủ tục' },
  { to: '/tra-cuu', label: 'Tra cứu' },
  { to: '/ho-so', label: 'Hồ sơ của tôi' },
];

export function Shell() {
  const path = usePath();
  const { title, element } = page(path);
  useEffect(() => {
    document.title = `${title} — Dịch vụ công tỉnh Lạng Sơn`;
  }, [title]);
  return (
    <>
      <a className="skip-link" href="#noi-dung">
        Bỏ qua, đến nội dung chính
      </a>
      <header className="portal-header">
        <a className="portal-brand" href={href('/')} onClick={followLink('/')}>
          Dịch vụ công tỉnh Lạng Sơn
        </a>
        <nav aria-label="Chức năng chính" className="portal-nav">
          {NAV.map((item) => {
            const current = item.to === '/' ? path === '/' || path.startsWith('/thu-tuc') : path.startsWith(item.to);
            return (
              <a key={item.to} href={href(item.to)} onClick={followLink(item.to)} aria-current={current ? 'page' : undefined}>
                {item.label}
              </a>
            );
          })}
        </nav>
      </header>
      <main id="noi-dung" className="portal-main" tabIndex={-1}>
        <Suspense fallback={<Spin tip="Đang tải…" />}>{element}</Suspense>
      </main>
      <footer className="portal-footer">
        <SessionFooter />
      </footer>
    </>
  );
}

function SessionFooter() {
  const session = useSession();
  if (session.status !== 'signed-in') return <p>Trung tâm Phục vụ hành chính công tỉnh Lạng Sơn</p>;
  return (
    <p>
      Đang đăng nhập: {session.name}.{' '}
      <a href={href('/giay-to')} onClick={followLink('/giay-to')}>
        Giấy tờ của tôi
      </a>{' '}
      ·{' '}
      <button type="button" className="link-button" onClick={() => void session.signOut()}>
        Đăng xuất
      </button>
    </p>
  );
}
