import { Button, Result, Spin } from 'antd';
import type { User } from 'oidc-client-ts';
import { useEffect, useState, type ReactNode } from 'react';
import { currentUser, userManager } from '../lib/auth';
import { navigate } from '../lib/router';

const CALLBACK = '/dang-nhap/xong';

/** Sign-in by the authorization code flow with PKCE at the platform's issuer or Keycloak; the app shows only to a signed-in user. */
export function AuthGate({ children }: { children: (user: User) => ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const load = async () => {
      if (window.location.pathname === CALLBACK) {
        const signedIn = await (await userManager()).signinRedirectCallback();
        navigate(typeof signedIn.state === 'string' ? signedIn.state : '/');
        return signedIn;
      }
      return currentUser();
    };
    load().then(setUser, (failure: Error) => {
      setError(failure.message);
      setUser(null);
    });
  }, []);

  if (user === undefined) return <Spin fullscreen tip="Đang tải…" />;
  if (user) return <>{children(user)}</>;
  const signIn = async () => (await userManager()).signinRedirect({ state: window.location.pathname === CALLBACK ? '/' : window.location.pathname });
  return (
    <main>
      <Result
        status="403"
        title="Một cửa điện tử — bàn làm việc cán bộ"
        subTitle={error ? `Đăng nhập không thành công: ${error}. Đăng nhập lại.` : 'Đăng nhập bằng tài khoản cán bộ để làm việc.'}
        extra={
          <Button type="primary" size="large" autoFocus onClick={() => void signIn()}>
            Đăng nhập
          </Button>
        }
      />
    </main>
  );
}
