import { Button } from 'antd';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { signIn } from '../../../lib/auth';
import { usePath } from '../../../lib/router';

/** Sign-in at the platform's issuer, whose page also offers VNeID; the citizen comes back to the page they wanted. */
export function SignInPage() {
  const path = usePath();
  const [error, setError] = useState<Error | null>(null);
  const returnTo = path === '/dang-nhap' ? '/ho-so' : `${path}${window.location.search}`;
  return (
    <>
      <h1>Đăng nhập để tiếp tục</h1>
      <p className="lead">Bạn cần đăng nhập để nộp hồ sơ trực tuyến và xem hồ sơ của mình.</p>
      <p>
        Đăng nhập bằng tài khoản định danh điện tử <strong>VNeID</strong> (chọn “Đăng nhập bằng VNeID” ở trang sau), hoặc bằng tài khoản dịch vụ công
        của tỉnh. Chỉ tài khoản đã xác thực số định danh cá nhân (qua VNeID hoặc tại Bộ phận Một cửa) mới xem được hồ sơ của mình.
      </p>
      {error && <ErrorMessage error={error} />}
      <Button type="primary" size="large" className="full-width" onClick={() => signIn(returnTo).catch(setError)}>
        Đăng nhập
      </Button>
      <p style={{ marginTop: 16 }}>
        Chỉ muốn xem hồ sơ đến đâu? Bạn không cần đăng nhập: dùng <a href={`${import.meta.env.BASE_URL}tra-cuu`}>Tra cứu hồ sơ</a> với mã trên giấy tiếp nhận.
      </p>
    </>
  );
}
