import { useQueryClient } from '@tanstack/react-query';
import { Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageLink } from '../../../components/PageLink';
import { completeSignIn } from '../../../lib/auth';
import { navigate } from '../../../lib/router';

/** Where the issuer sends the citizen back with the authorization code. */
export function SignInCallback() {
  const client = useQueryClient();
  const [error, setError] = useState<Error | null>(null);
  // The code is good once: StrictMode's second effect run must not spend it again.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn().then(
      async (returnTo) => {
        await client.invalidateQueries({ queryKey: ['session'] });
        navigate(returnTo, { replace: true });
      },
      (failure: Error) => setError(new Error(`Đăng nhập không thành công: ${failure.message}. Đăng nhập lại.`)),
    );
  }, [client]);
  if (!error) return <Spin tip="Đang đăng nhập…" />;
  return (
    <>
      <h1>Đăng nhập</h1>
      <ErrorMessage error={error} />
      <PageLink to="/dang-nhap">Đăng nhập lại</PageLink>
    </>
  );
}
