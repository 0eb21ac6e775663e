import { useQuery } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { BackLink, PageLink } from '../../../components/PageLink';
import { openDossierForm } from '../../../lib/api';
import { navigate } from '../../../lib/router';
import { trackDossier } from '../../tracking/api/tracking-api';
import { STATE_EXPLANATIONS } from '../../tracking/status-words';
import { useMyDossier } from '../api/my-dossiers-api';
import { ResultDownload } from './ResultDownload';

const RETURN_LABELS: Record<string, string> = { counter: 'Tại Bộ phận Một cửa', post: 'Qua bưu điện', electronic: 'Bản điện tử trên cổng' };
const HAS_RESULT = ['result_ready', 'returned'];

/** One of the citizen's dossiers: where it is, and what the citizen can do now (supplement, receive, rate). */
export function MyDossierPage({ code }: { code: string }) {
  const { dossier, error, isPending } = useMyDossier(code);
  const [formError, setFormError] = useState<Error | null>(null);
  const steps = useQuery({
    queryKey: ['tracking', code, dossier?.trackingToken],
    queryFn: () => trackDossier(code, dossier?.trackingToken ?? ''),
    enabled: dossier !== undefined,
  });
  if (isPending) return <Spin tip="Đang tải…" />;
  if (error || !dossier) return <ErrorMessage error={error ?? new Error('Không tìm thấy hồ sơ.')} />;
  return (
    <>
      <BackLink to="/ho-so">Hồ sơ của tôi</BackLink>
      <p className="caption">Hồ sơ {dossier.code}</p>
      <h1>{dossier.procedure.name}</h1>
      <p>
        <span className="status-tag" data-testid="trang-thai">
          {dossier.stateLabel}
        </span>
      </p>
      <p className="lead">{STATE_EXPLANATIONS[dossier.state] ?? ''}</p>

      {dossier.supplement && (
        <section aria-labelledby="bo-sung">
          <h2 id="bo-sung">Cần bổ sung giấy tờ</h2>
          <p>
            Yêu cầu lúc {dossier.supplement.requestedAtDisplay}: {dossier.supplement.reason}
          </p>
          <ul>
            {dossier.supplement.missing.map((name) => (
              <li key={name}>{name}</li>
            ))}
          </ul>
          <Button type="primary" size="large" className="full-width" onClick={() => navigate(`/ho-so/${encodeURIComponent(code)}/bo-sung`)}>
            Bổ sung giấy tờ
          </Button>
        </section>
      )}

      {HAS_RESULT.includes(dossier.state) && (
        <section aria-labelledby="ket-qua">
          <h2 id="ket-qua">Kết quả</h2>
          {dossier.electronicResult ? <ResultDownload code={code} /> : <p>Nhận kết quả: {RETURN_LABELS[dossier.returnMethod] ?? dossier.returnMethod}.</p>}
        </section>
      )}

      {dossier.state === 'returned' && (
        <section aria-labelledby="danh-gia">
          <h2 id="danh-gia">Đánh giá</h2>
          {dossier.rated ? (
            <p>Bạn đã đánh giá việc giải quyết hồ sơ này. Cảm ơn bạn.</p>
          ) : (
            <Button type="primary" size="large" className="full-width" onClick={() => navigate(`/ho-so/${encodeURIComponent(code)}/danh-gia`)}>
              Đánh giá mức độ hài lòng
            </Button>
          )}
        </section>
      )}

      <dl className="summary-list" style={{ marginTop: 16 }}>
        <div>
          <dt>Ngày hẹn trả kết quả</dt>
          <dd>{dossier.dueDateDisplay}</dd>
        </div>
        <div>
          <dt>Ngày nộp</dt>
          <dd>{dossier.receivedAtDisplay}</dd>
        </div>
        <div>
          <dt>Nhận kết quả</dt>
          <dd>{RETURN_LABELS[dossier.returnMethod] ?? dossier.returnMethod}</dd>
        </div>
      </dl>
      {steps.data && (
        <>
          <h2>Các bước giải quyết</h2>
          <ol className="steps">
            {steps.data.steps.map((step, index) => (
              <li key={`${index}-${step.name}`} className={step.status}>
                {step.name}
              </li>
            ))}
          </ol>
        </>
      )}
      {formError && <ErrorMessage error={formError} />}
      <div className="no-print" style={{ display: 'grid', gap: 12 }}>
        <Button size="large" onClick={() => openDossierForm(code, 'receipt', dossier.trackingToken).catch(setFormError)}>
          Tải giấy tiếp nhận (Mẫu 01)
        </Button>
        <PageLink to={`/tra-cuu/${encodeURIComponent(code)}?token=${encodeURIComponent(dossier.trackingToken)}`}>Trang tra cứu công khai của hồ sơ</PageLink>
      </div>
    </>
  );
}
