import { useQuery } from '@tanstack/react-query';
import { Button, Input, Spin } from 'antd';
import { useState, type FormEvent } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { navigate } from '../../../lib/router';
import { trackDossier } from '../api/tracking-api';
import { STATE_EXPLANATIONS } from '../status-words';

const STEP_STATUS = { done: 'Đã xong', current: 'Đang thực hiện', pending: 'Chưa đến' } as const;

/**
 * Public tracking by the code and the token on the receipt — what the receipt's
 * QR code opens. It shows progress and dates only: the API answers nothing
 * personal, and nothing of it is cached by the service worker.
 */
export function TrackingPage({ code }: { code?: string }) {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  if (!code || !token) return <TrackingForm code={code ?? ''} token={token} />;
  return <TrackingResult code={code} token={token} />;
}

function TrackingForm(initial: { code: string; token: string }) {
  const [code, setCode] = useState(initial.code);
  const [token, setToken] = useState(initial.token);
  const [errors, setErrors] = useState<{ code?: string; token?: string }>({});
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = {
      code: code.trim() ? undefined : 'Nhập mã hồ sơ in trên giấy tiếp nhận, ví dụ 05983-260112-0001.',
      token: token.trim() ? undefined : 'Nhập mã tra cứu in dưới mã QR trên giấy tiếp nhận.',
    };
    setErrors(found);
    if (found.code || found.token) return;
    navigate(`/tra-cuu/${encodeURIComponent(code.trim())}?token=${encodeURIComponent(token.trim())}`);
  };
  return (
    <>
      <h1>Tra cứu hồ sơ</h1>
      <p className="lead">Quét mã QR trên giấy tiếp nhận, hoặc nhập mã hồ sơ và mã tra cứu in trên giấy.</p>
      <form onSubmit={submit} noValidate>
        <Field id="ma-ho-so" label="Mã hồ sơ" error={errors.code}>
          <Input id="ma-ho-so" size="large" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="off" status={errors.code ? 'error' : ''} aria-describedby={errors.code ? 'ma-ho-so-loi' : undefined} />
        </Field>
        <Field id="ma-tra-cuu" label="Mã tra cứu" error={errors.token}>
          <Input id="ma-tra-cuu" size="large" value={token} onChange={(event) => setToken(event.target.value)} autoComplete="off" status={errors.token ? 'error' : ''} aria-describedby={errors.token ? 'ma-tra-cuu-loi' : undefined} />
        </Field>
        <Button type="primary" htmlType="submit" size="large" className="full-width">
          Tra cứu
        </Button>
      </form>
    </>
  );
}

function TrackingResult({ code, token }: { code: string; token: string }) {
  // A citizen watching the page sees the state change without reloading.
  const tracking = useQuery({ queryKey: ['tracking', code, token], queryFn: () => trackDossier(code, token), refetchInterval: 20_000, retry: false });
  if (tracking.isPending) return <Spin tip="Đang tra cứu…" />;
  if (tracking.error) {
    return (
      <>
        <h1>Tra cứu hồ sơ</h1>
        <ErrorMessage error={tracking.error} />
        <TrackingForm code={code} token={token} />
      </>
    );
  }
  const view = tracking.data;
  return (
    <>
      <p className="caption">Hồ sơ {view.code}</p>
      <h1>{view.procedureName}</h1>
      <p>
        <span className="status-tag" data-testid="trang-thai">
          {view.stateLabel}
        </span>
      </p>
      <p className="lead">{STATE_EXPLANATIONS[view.state] ?? ''}</p>
      <dl className="summary-list">
        <div>
          <dt>Ngày hẹn trả kết quả</dt>
          <dd>{view.dueDateDisplay}</dd>
        </div>
        <div>
          <dt>Ngày nhận hồ sơ</dt>
          <dd>{view.receivedAtDisplay}</dd>
        </div>
      </dl>
      <h2>Các bước giải quyết</h2>
      <ol className="steps">
        {view.steps.map((step, index) => (
          <li key={`${index}-${step.name}`} className={step.status}>
            {step.name} — <strong>{STEP_STATUS[step.status]}</strong>
          </li>
        ))}
      </ol>
      {view.postalSteps.length > 0 && (
        <>
          <h2>Bưu điện</h2>
          <ul>
            {view.postalSteps.map((step) => (
              <li key={`${step.waybill}-${step.status}-${step.atDisplay}`}>
                {step.atDisplay}: {step.label} ({step.leg === 'pickup' ? 'nhận hồ sơ' : 'chuyển kết quả'}, vận đơn {step.waybill})
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="caption">Trang tự cập nhật khi hồ sơ chuyển bước.</p>
    </>
  );
}
