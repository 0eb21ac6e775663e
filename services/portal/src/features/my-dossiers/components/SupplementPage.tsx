import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Spin } from 'antd';
import { useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { BackLink, PageLink } from '../../../components/PageLink';
import { ComponentUpload } from '../../filing/components/ComponentUpload';
import { answerSupplement, useMyDossier } from '../api/my-dossiers-api';

/** Answers the open supplement request (Mẫu 02) once; the dossier then goes back to the officers and its clock runs again. */
export function SupplementPage({ code }: { code: string }) {
  const client = useQueryClient();
  const { dossier, error, isPending } = useMyDossier(code);
  const [supplied, setSupplied] = useState<string[]>([]);
  const [fieldError, setFieldError] = useState<string>();
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const answer = useMutation({
    mutationFn: () => answerSupplement(code, supplied, idempotencyKey),
    onSuccess: () => client.invalidateQueries({ queryKey: ['my-dossiers'] }),
  });
  if (isPending) return <Spin tip="Đang tải…" />;
  if (error || !dossier) return <ErrorMessage error={error ?? new Error('Không tìm thấy hồ sơ.')} />;
  if (answer.isSuccess) {
    return (
      <>
        <div className="panel">
          <h1>Đã gửi phần bổ sung</h1>
          <p className="code">{code}</p>
        </div>
        <p className="lead">Hồ sơ đã được chuyển lại cho cơ quan giải quyết. Ngày hẹn trả mới: {answer.data.dueAtDisplay}.</p>
        <PageLink to={`/ho-so/${encodeURIComponent(code)}`}>Xem hồ sơ</PageLink>
      </>
    );
  }
  if (!dossier.supplement) {
    return (
      <>
        <BackLink to={`/ho-so/${encodeURIComponent(code)}`}>Hồ sơ {code}</BackLink>
        <h1>Không có yêu cầu bổ sung</h1>
        <p>Hồ sơ này không chờ bổ sung giấy tờ (yêu cầu đã được trả lời, hoặc chưa có yêu cầu nào).</p>
      </>
    );
  }
  const missing = dossier.supplement.missing;
  const submit = () => {
    if (!supplied.length) return setFieldError('Đánh dấu giấy tờ bạn bổ sung.');
    setFieldError(undefined);
    answer.mutate();
  };
  return (
    <>
      <BackLink to={`/ho-so/${encodeURIComponent(code)}`}>Hồ sơ {code}</BackLink>
      <h1>Bổ sung giấy tờ</h1>
      <p className="lead">{dossier.supplement.reason}</p>
      <p>Đánh dấu những giấy tờ bạn bổ sung. Bạn chỉ gửi phần bổ sung một lần, nên hãy gửi đủ.</p>
      {fieldError && (
        <p className="field-error" role="alert">
          {fieldError}
        </p>
      )}
      <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
        <legend className="sr-only">Giấy tờ bổ sung</legend>
        {(missing.length ? missing : ['Giấy tờ theo phiếu yêu cầu bổ sung']).map((name) => (
          <div key={name} style={{ borderBottom: '1px solid #d9d9d9', padding: '12px 0' }}>
            <Checkbox
              value={name}
              checked={supplied.includes(name)}
              onChange={(event) => setSupplied((previous) => (event.target.checked ? [...previous, name] : previous.filter((chosen) => chosen !== name)))}
            >
              <strong>{name}</strong>
            </Checkbox>
            <ComponentUpload componentName={name} />
          </div>
        ))}
      </fieldset>
      {answer.error && <ErrorMessage error={answer.error} />}
      <Button type="primary" size="large" className="full-width" loading={answer.isPending} onClick={submit}>
        Gửi phần bổ sung
      </Button>
    </>
  );
}
