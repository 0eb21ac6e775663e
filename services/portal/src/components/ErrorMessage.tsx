import { Alert } from 'antd';
import { ApiError } from '../lib/api';

/** The API's Vietnamese message as it is, and what to do when it is not the citizen's to fix. */
export function ErrorMessage({ error }: { error: Error }) {
  const advice =
    error instanceof ApiError && error.status >= 500
      ? 'Hệ thống đang bận. Chờ ít phút rồi thử lại; những gì bạn đã gửi sẽ không bị ghi hai lần.'
      : error instanceof ApiError && error.status === 401
        ? 'Phiên đăng nhập đã hết: đăng nhập lại.'
        : error instanceof ApiError
          ? undefined
          : 'Không kết nối được. Kiểm tra mạng rồi thử lại.';
  return <Alert role="alert" type="error" showIcon message={error.message} description={advice} style={{ marginBottom: 16 }} />;
}
