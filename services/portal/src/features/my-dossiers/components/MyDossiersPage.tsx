import { Alert, Spin } from 'antd';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { PageLink } from '../../../components/PageLink';
import { useSession } from '../../../lib/session';
import { useMyDossiers } from '../api/my-dossiers-api';

/** The citizen's own dossiers, newest first, each with what it waits for. */
export function MyDossiersPage() {
  const session = useSession();
  const dossiers = useMyDossiers();
  const unproven = session.status === 'signed-in' && !session.verifiedIdNumber;
  return (
    <>
      <h1>Hồ sơ của tôi</h1>
      {unproven && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message="Tài khoản của bạn chưa xác thực số định danh cá nhân"
          description="Đăng nhập bằng VNeID, hoặc mang căn cước đến Bộ phận Một cửa để xác thực; sau đó hồ sơ của bạn sẽ hiện ở đây. Trong lúc chờ, tra cứu hồ sơ bằng mã trên giấy tiếp nhận."
        />
      )}
      {dossiers.isPending && <Spin tip="Đang tải…" />}
      {dossiers.error && <ErrorMessage error={dossiers.error} />}
      {dossiers.data?.length === 0 && !unproven && (
        <p>
          Bạn chưa có hồ sơ nào. <PageLink to="/">Tìm thủ tục</PageLink> để nộp hồ sơ trực tuyến.
        </p>
      )}
      <ul className="result-list">
        {dossiers.data?.map((dossier) => (
          <li key={dossier.code}>
            <PageLink to={`/ho-so/${encodeURIComponent(dossier.code)}`}>{dossier.procedure.name}</PageLink>
            <p className="caption">
              Mã {dossier.code} · nộp lúc {dossier.receivedAtDisplay}
            </p>
            <p style={{ margin: '4px 0' }}>
              <span className="status-tag">{dossier.stateLabel}</span>
              {dossier.supplement && <strong> · Cần bổ sung giấy tờ</strong>}
              {dossier.state === 'returned' && !dossier.rated && <strong> · Mời bạn đánh giá</strong>}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
