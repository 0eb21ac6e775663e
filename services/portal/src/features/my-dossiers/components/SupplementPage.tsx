import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Spin } from 'antd';
import { useMemo, useState } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { BackLink, PageLink } from '../../../components/PageLink';
import { useSession } from '../../../lib/session';
import { getProcedureVersion } from '../../catalog/api/catalog-api';
import { useMyStore } from '../../documents/api/documents-api';
import { useSendAttachments, type AttachmentToSend } from '../../documents/api/send-attachments';
import { AttachmentPicker, type Attachment } from '../../documents/components/AttachmentPicker';
import { SendingList } from '../../documents/components/SendingList';
import { answerSupplement, useMyDossier, type CitizenDossier } from '../api/my-dossiers-api';

/** Answers the open supplement request (Mẫu 02) once; the dossier then goes back to the officers and its clock runs again. */
export function SupplementPage({ code }: { code: string }) {
  const { dossier, error, isPending } = useMyDossier(code);
  const version = useQuery({
    queryKey: ['procedure-version', dossier?.procedure.code, dossier?.procedure.version],
    queryFn: () => getProcedureVersion(dossier?.procedure.code ?? '', dossier?.procedure.version ?? 0),
    enabled: dossier !== undefined,
    staleTime: Infinity,
  });
  if (isPending || (dossier && version.isPending)) return <Spin tip="Đang tải…" />;
  if (error || !dossier) return <ErrorMessage error={error ?? new Error('Không tìm thấy hồ sơ.')} />;
  if (version.error) return <ErrorMessage error={version.error} />;
  // Each missing paper that is a component of the version can be attached, with the number the documents service files it under.
  const numbers = new Map((version.data?.components ?? []).map((component, index) => [component.name, { number: String(index + 1), component }]));
  return <SupplementForm code={code} dossier={dossier} numbers={numbers} />;
}

type Numbered = Map<string, { number: string; component: { fileKinds?: string[]; maxSizeMb?: number } }>;

function SupplementForm({ code, dossier, numbers }: { code: string; dossier: CitizenDossier; numbers: Numbered }) {
  const client = useQueryClient();
  const session = useSession();
  const store = useMyStore(session.status === 'signed-in' ? session.verifiedIdNumber : null);
  const [supplied, setSupplied] = useState<string[]>([]);
  const [attachments, setAttachments] = useState<Record<string, Attachment>>({});
  const [fieldError, setFieldError] = useState<string>();
  const [missingFiles, setMissingFiles] = useState<Record<string, string>>({});
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const toSend = useMemo<AttachmentToSend[]>(
    () =>
      supplied.flatMap((name) => {
        const slot = numbers.get(name);
        const attachment = attachments[name];
        return slot && attachment ? [{ component: slot.number, componentName: name, attachment }] : [];
      }),
    [supplied, attachments, numbers],
  );
  const sending = useSendAttachments(toSend, 'supplement');
  const answer = useMutation({
    // The files first: the officers find them stored when the dossier comes back to them.
    mutationFn: async () => {
      if (!(await sending.send(code))) throw new Error('Có giấy tờ chưa gửi được (xem danh sách bên dưới). Bấm “Gửi phần bổ sung” để gửi lại phần còn thiếu.');
      return answerSupplement(
        code,
        supplied.map((name) => ({ name, came: attachments[name]?.kind ?? 'paper' })),
        idempotencyKey,
      );
    },
    onSuccess: () => client.invalidateQueries({ queryKey: ['my-dossiers'] }),
  });

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
  const missing = dossier.supplement.missing.length ? dossier.supplement.missing : ['Giấy tờ theo phiếu yêu cầu bổ sung'];
  const toggle = (name: string, checked: boolean) => setSupplied((previous) => (checked ? [...previous.filter((chosen) => chosen !== name), name] : previous.filter((chosen) => chosen !== name)));
  const attach = (name: string, attachment: Attachment | undefined) => {
    setAttachments((previous) => {
      const next = { ...previous };
      if (attachment) next[name] = attachment;
      else delete next[name];
      return next;
    });
    setMissingFiles((previous) => ({ ...previous, [name]: '' }));
    if (attachment) toggle(name, true);
  };
  const submit = () => {
    if (!supplied.length) return setFieldError('Đánh dấu giấy tờ bạn bổ sung.');
    setFieldError(undefined);
    // A paper the request names as a component is answered online by its file.
    const found = Object.fromEntries(
      supplied.filter((name) => numbers.has(name) && !attachments[name]).map((name) => [name, 'Chụp ảnh hoặc chọn tệp của giấy tờ này, hoặc bỏ đánh dấu.']),
    );
    setMissingFiles(found);
    if (!Object.keys(found).length) answer.mutate();
  };
  return (
    <>
      <BackLink to={`/ho-so/${encodeURIComponent(code)}`}>Hồ sơ {code}</BackLink>
      <h1>Bổ sung giấy tờ</h1>
      <p className="lead">{dossier.supplement.reason}</p>
      <p>Đánh dấu những giấy tờ bạn bổ sung và đính kèm ảnh chụp hoặc tệp. Bạn chỉ gửi phần bổ sung một lần, nên hãy gửi đủ.</p>
      {fieldError && (
        <p className="field-error" role="alert">
          {fieldError}
        </p>
      )}
      <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
        <legend className="sr-only">Giấy tờ bổ sung</legend>
        {missing.map((name, index) => {
          const slot = numbers.get(name);
          return (
            <div key={name} style={{ borderBottom: '1px solid #d9d9d9', padding: '12px 0' }}>
              <Checkbox value={name} checked={supplied.includes(name)} onChange={(event) => toggle(name, event.target.checked)}>
                <strong>{name}</strong>
              </Checkbox>
              {slot ? (
                <AttachmentPicker
                  id={`bo-sung-${index + 1}`}
                  componentName={name}
                  value={attachments[name]}
                  onChange={(attachment) => attach(name, attachment)}
                  fileKinds={slot.component.fileKinds}
                  maxSizeMb={slot.component.maxSizeMb}
                  stored={store.data?.documents ?? []}
                  error={missingFiles[name] || undefined}
                />
              ) : (
                <p className="caption attachment">Giấy tờ này không thuộc thành phần hồ sơ của thủ tục: mang bản giấy đến Bộ phận Một cửa.</p>
              )}
            </div>
          );
        })}
      </fieldset>
      {toSend.length > 0 && (answer.isPending || answer.isError) && <SendingList items={toSend} statuses={sending.statuses} />}
      {answer.error && <ErrorMessage error={answer.error} />}
      <Button type="primary" size="large" className="full-width" loading={answer.isPending} onClick={submit}>
        Gửi phần bổ sung
      </Button>
    </>
  );
}
