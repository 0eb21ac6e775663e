import { Alert } from 'antd';
import { ApiError } from '../lib/api';

/** The API's Vietnamese message as it is, and what to do when it is not the clerk's to fix. */
export function ErrorAlert({ error }: { error: Error }) {
  const advice =
    error instanceof ApiError && error.status >= 500
      ? 'Hệ thống đang bận hoặc một dịch vụ tạm ngừng. Chờ ít phút rồi làm lại; thao tác đã gửi sẽ không bị ghi hai lần.'
      : error instanceof ApiError && error.status === 401
        ? 'Phiên đăng nhập đã hết: đăng nhập lại.'
        : undefined;
  return <Alert role="alert" type="error" showIcon message={error.message} description={advice} style={{ marginBottom: 12 }} />;
}
