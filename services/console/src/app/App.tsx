import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import viVN from 'antd/locale/vi_VN';
import 'dayjs/locale/vi';
import { AuthGate } from './AuthGate';
import { Shell } from './Shell';

// antd's default blue and grey texts fall short of WCAG AA contrast (4.5:1) on white and on the dark menu;
// so do its lighter hover shades under white text and its red for form errors.
// No motion: a counter PC answers at once, and nothing is read half faded in.
const THEME = {
  token: {
    fontSize: 15,
    motion: false,
    colorPrimary: '#0958d9',
    // Hovered links and buttons keep the contrast too (antd lightens them by default).
    colorPrimaryHover: '#003eb3',
    colorLink: '#0958d9',
    colorLinkHover: '#003eb3',
    colorError: '#cf1322',
    colorErrorHover: '#a8071a',
    colorTextSecondary: 'rgba(0, 0, 0, 0.7)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.7)',
    colorTextDescription: 'rgba(0, 0, 0, 0.7)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
  },
};

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, staleTime: 10_000, refetchOnWindowFocus: false } },
});

export function App() {
  return (
    <ConfigProvider locale={viVN} theme={THEME}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <AuthGate>{(user) => <Shell user={user} />}</AuthGate>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}
