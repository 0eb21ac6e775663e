import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Input, Radio, Select, Spin } from 'antd';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ErrorMessage } from '../../../components/ErrorMessage';
import { Field } from '../../../components/Field';
import { BackLink, PageLink } from '../../../components/PageLink';
import { navigate } from '../../../lib/router';
import { useSession } from '../../../lib/session';
import { getProcedure, type ProcedureVersion } from '../../catalog/api/catalog-api';
import { COPY_TYPE_LABELS } from '../../catalog/labels';
import { useMyStore } from '../../documents/api/documents-api';
import type { AttachmentToSend } from '../../documents/api/send-attachments';
import { AttachmentPicker, attachmentName, type Attachment } from '../../documents/components/AttachmentPicker';
import { fileDossier, listReceivingUnits } from '../api/filing-api';
import { FilingConfirmation } from './FilingConfirmation';

export interface Draft {
  unit: { code: string; name: string } | null;
  fullName: string;
  idNumber: string;
  phone: string;
  email: string;
  components: string[];
  /** The file or stored document attached to each component handed in, by the component's name. */
  attachments: Record<string, Attachment>;
  returnMethod: 'counter' | 'post' | 'electronic';
  returnAddress: string;
}

/** One question per page, in this order; "kiem-tra" shows every answer before filing. */
const STEPS = ['noi-nop', 'nguoi-nop', 'giay-to', 'nhan-ket-qua', 'kiem-tra'] as const;
type Step = (typeof STEPS)[number] | 'xong';
type Errors = Partial<Record<string, string>>;

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

/** Filing a dossier online from the procedure version in force, page by page. */
export function FilingPage({ code, step }: { code: string; step?: string }) {
  const session = useSession();
  const verifiedIdNumber = session.status === 'signed-in' ? session.verifiedIdNumber : null;
  const procedure = useQuery({ queryKey: ['procedure', code], queryFn: () => getProcedure(code) });
  const [draft, setDraft] = useState<Draft>(() => ({
    unit: null,
    fullName: session.status === 'signed-in' && session.name !== 'công dân' && !/^\d+$/.test(session.name) ? session.name : '',
    idNumber: verifiedIdNumber ?? '',
    phone: '',
    email: '',
    components: [],
    attachments: {},
    returnMethod: 'counter',
    returnAddress: '',
  }));
  // One key per draft: pressing "Nộp" twice, or a retry over a bad connection, files one dossier.
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const filing = useMutation({ mutationFn: () => fileDossier(toRequest(code, draft), idempotencyKey) });

  if (procedure.isPending) return <Spin tip="Đang tải…" />;
  if (procedure.error) return <ErrorMessage error={procedure.error} />;
  const version = procedure.data;
  if (version.channels.online === 'none') {
    return <Alert type="warning" showIcon message={`Thủ tục “${version.name}” không nộp trực tuyến được. Xem cách nộp ở trang thủ tục.`} />;
  }
  const current: Step = step === 'xong' && filing.data ? 'xong' : STEPS.includes(step as (typeof STEPS)[number]) ? (step as Step) : 'noi-nop';
  const base = `/nop-ho-so/${encodeURIComponent(code)}`;
  const go = (to: Step) => navigate(`${base}/${to}`);
  const update = (changes: Partial<Draft>) => setDraft((previous) => ({ ...previous, ...changes }));
  const props = { version, draft, update, base, next: (to: Step) => go(to) };

  if (current === 'xong' && filing.data) return <FilingConfirmation result={filing.data} attachments={attachmentsToSend(version, draft)} />;
  const index = STEPS.indexOf(current as (typeof STEPS)[number]);
  return (
    <>
      <BackLink to={index === 0 ? `/thu-tuc/${encodeURIComponent(code)}` : `${base}/${STEPS[index - 1]}`} />
      <p className="caption">
        {version.name} · Bước {index + 1}/{STEPS.length}
      </p>
      {current === 'noi-nop' && <UnitStep {...props} />}
      {current === 'nguoi-nop' && <ApplicantStep {...props} />}
      {current === 'giay-to' && <ComponentsStep {...props} />}
      {current === 'nhan-ket-qua' && <ReturnStep {...props} />}
      {current === 'kiem-tra' && (
        <CheckStep
          {...props}
          error={filing.error}
          pending={filing.isPending}
          onFile={() => filing.mutate(undefined, { onSuccess: () => go('xong') })}
        />
      )}
    </>
  );
}

/** What goes to the documents service once the dossier has its code, numbered as in the version filed under. */
function attachmentsToSend(version: ProcedureVersion, draft: Draft): AttachmentToSend[] {
  return version.components.flatMap((component, index) => {
    const attachment = draft.attachments[component.name];
    return draft.components.includes(component.name) && attachment ? [{ component: String(index + 1), componentName: component.name, attachment }] : [];
  });
}

function toRequest(code: string, draft: Draft) {
  return {
    procedureCode: code,
    channel: 'online' as const,
    receivingUnitCode: draft.unit?.code,
    applicant: {
      kind: 'individual' as const,
      fullName: draft.fullName.trim(),
      idNumber: draft.idNumber.trim(),
      ...(draft.phone.trim() ? { phone: draft.phone.trim() } : {}),
      ...(draft.email.trim() ? { email: draft.email.trim() } : {}),
    },
    // Each component handed in online comes as a file (electronic from the start) or from the citizen's store.
    components: draft.components.map((name) => ({
      name,
      copyType: 'original' as const,
      quantity: 1,
      digitised: draft.attachments[name]?.kind === 'file',
      reusedFromStore: draft.attachments[name]?.kind === 'store',
    })),
    returnMethod: draft.returnMethod,
    ...(draft.returnMethod === 'post' ? { returnAddress: draft.returnAddress.trim() } : {}),
  };
}

interface StepProps {
  version: ProcedureVersion;
  draft: Draft;
  update(changes: Partial<Draft>): void;
  base: string;
  next(to: Step): void;
}

/** A page's form: its question as the heading, its answer checked before going on. */
function StepForm({ title, onSubmit, children, action = 'Tiếp tục' }: { title: string; onSubmit(): void; children: ReactNode; action?: string }) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate>
      <h1>{title}</h1>
      {children}
      <Button type="primary" htmlType="submit" size="large" className="full-width">
        {action}
      </Button>
    </form>
  );
}

function UnitStep({ version, draft, update, next }: StepProps) {
  const units = useQuery({ queryKey: ['receiving-units', version.level], queryFn: () => listReceivingUnits(version.level) });
  const [error, setError] = useState<string>();
  return (
    <StepForm title="Bạn nộp hồ sơ ở đâu?" onSubmit={() => (draft.unit ? next('nguoi-nop') : setError('Chọn xã, phường nơi bạn nộp hồ sơ.'))}>
      {units.error && <ErrorMessage error={units.error} />}
      <Field id="noi-nop" label="Xã, phường nơi nộp hồ sơ" hint="Thường là nơi bạn thường trú hoặc nơi xảy ra sự việc. Gõ tên để tìm." error={error}>
        <Select
          id="noi-nop"
          size="large"
          className="full-width"
          showSearch
          loading={units.isPending}
          value={draft.unit?.code}
          placeholder="Chọn xã, phường"
          options={(units.data ?? []).map((unit) => ({ value: unit.code, label: unit.name }))}
          filterOption={(input, option) => fold(String(option?.label ?? '')).includes(fold(input))}
          onChange={(code: string) => {
            setError(undefined);
            update({ unit: units.data?.find((unit) => unit.code === code) ?? null });
          }}
          status={error ? 'error' : ''}
          aria-describedby={error ? 'noi-nop-loi' : undefined}
        />
      </Field>
    </StepForm>
  );
}

function ApplicantStep({ draft, update, next }: StepProps) {
  const [errors, setErrors] = useState<Errors>({});
  const check = () => {
    const found: Errors = {
      fullName: draft.fullName.trim().length >= 2 ? undefined : 'Nhập họ và tên như trên căn cước.',
      idNumber: /^\d{12}$/.test(draft.idNumber.trim()) ? undefined : 'Số định danh cá nhân gồm đúng 12 chữ số.',
      phone: !draft.phone.trim() || /^0\d{9,10}$/.test(draft.phone.trim()) ? undefined : 'Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0.',
      email: !draft.email.trim() || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(draft.email.trim()) ? undefined : 'Nhập thư điện tử dạng ten@vidu.vn, hoặc để trống.',
    };
    setErrors(found);
    if (!Object.values(found).some(Boolean)) next('giay-to');
  };
  const input = (key: 'fullName' | 'idNumber' | 'phone' | 'email', extra: Record<string, unknown> = {}) => (
    <Input
      id={key}
      size="large"
      value={draft[key]}
      onChange={(event) => update({ [key]: event.target.value })}
      status={errors[key] ? 'error' : ''}
      aria-describedby={errors[key] ? `${key}-loi` : undefined}
      {...extra}
    />
  );
  return (
    <StepForm title="Ai là người yêu cầu?" onSubmit={check}>
      <Field id="fullName" label="Họ và tên" error={errors.fullName}>
        {input('fullName', { autoComplete: 'name' })}
      </Field>
      <Field id="idNumber" label="Số định danh cá nhân (số căn cước)" hint="12 chữ số. Nộp cho người khác thì nhập số của người đó." error={errors.idNumber}>
        {input('idNumber', { inputMode: 'numeric', autoComplete: 'off' })}
      </Field>
      <Field id="phone" label="Số điện thoại (không bắt buộc)" hint="Để cơ quan báo khi cần bổ sung hoặc có kết quả." error={errors.phone}>
        {input('phone', { inputMode: 'tel', autoComplete: 'tel' })}
      </Field>
      <Field id="email" label="Thư điện tử (không bắt buộc)" error={errors.email}>
        {input('email', { inputMode: 'email', autoComplete: 'email' })}
      </Field>
    </StepForm>
  );
}

function ComponentsStep({ version, draft, update, next }: StepProps) {
  const session = useSession();
  const store = useMyStore(session.status === 'signed-in' ? session.verifiedIdNumber : null);
  const [error, setError] = useState<string>();
  const [missing, setMissing] = useState<Errors>({});
  const toggle = (name: string, checked: boolean) =>
    update({ components: checked ? [...draft.components.filter((chosen) => chosen !== name), name] : draft.components.filter((chosen) => chosen !== name) });
  const attach = (name: string, attachment: Attachment | undefined) => {
    const attachments = { ...draft.attachments };
    if (attachment) attachments[name] = attachment;
    else delete attachments[name];
    setMissing((previous) => ({ ...previous, [name]: undefined }));
    // Attaching a paper is handing it in.
    update({ attachments, ...(attachment && !draft.components.includes(name) ? { components: [...draft.components, name] } : {}) });
  };
  const check = () => {
    if (!draft.components.length) return setError('Đánh dấu ít nhất một giấy tờ bạn nộp.');
    setError(undefined);
    // Filed online, each paper handed in comes as a file or from the store.
    const found = Object.fromEntries(
      draft.components.filter((name) => !draft.attachments[name]).map((name) => [name, 'Chụp ảnh hoặc chọn tệp của giấy tờ này, hoặc bỏ đánh dấu nếu bạn không nộp.']),
    );
    setMissing(found);
    if (!Object.keys(found).length) next('nhan-ket-qua');
  };
  return (
    <StepForm title="Giấy tờ bạn nộp" onSubmit={check}>
      <p>Đánh dấu từng giấy tờ bạn nộp và đính kèm ảnh chụp hoặc tệp của nó. Thiếu giấy tờ bắt buộc thì hồ sơ sẽ nhận phiếu yêu cầu bổ sung thay cho giấy tiếp nhận.</p>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
        <legend className="sr-only">Giấy tờ bạn nộp</legend>
        {version.components.map((component, index) => (
          <div key={component.name} style={{ borderBottom: '1px solid #d9d9d9', padding: '12px 0' }}>
            <Checkbox value={component.name} checked={draft.components.includes(component.name)} onChange={(event) => toggle(component.name, event.target.checked)}>
              <strong>{component.name}</strong>
              <br />
              {COPY_TYPE_LABELS[component.copyType] ?? component.copyType}, {component.quantity} bản
              {component.condition ? ` — chỉ khi ${component.condition}` : ''}
            </Checkbox>
            <AttachmentPicker
              id={`thanh-phan-${index + 1}`}
              componentName={component.name}
              value={draft.attachments[component.name]}
              onChange={(attachment) => attach(component.name, attachment)}
              fileKinds={component.fileKinds}
              maxSizeMb={component.maxSizeMb}
              stored={store.data?.documents ?? []}
              error={missing[component.name]}
            />
          </div>
        ))}
      </fieldset>
    </StepForm>
  );
}

function ReturnStep({ version, draft, update, next }: StepProps) {
  const [error, setError] = useState<string>();
  const options = [
    { value: 'counter', label: 'Nhận tại Bộ phận Một cửa nơi nộp hồ sơ' },
    ...(version.channels.postalReturn ? [{ value: 'post', label: 'Nhận qua bưu điện tại địa chỉ của tôi (trả cước khi nhận)' }] : []),
    { value: 'electronic', label: 'Nhận bản điện tử trên cổng này' },
  ];
  const check = () => {
    if (draft.returnMethod === 'post' && draft.returnAddress.trim().length < 5) return setError('Nhập địa chỉ nhận kết quả: số nhà, đường, thôn hoặc tổ, xã hoặc phường.');
    next('kiem-tra');
  };
  return (
    <StepForm title="Bạn muốn nhận kết quả thế nào?" onSubmit={check}>
      <fieldset style={{ border: 0, padding: 0, margin: '0 0 16px' }}>
        <legend className="sr-only">Cách nhận kết quả</legend>
        <Radio.Group value={draft.returnMethod} onChange={(event) => update({ returnMethod: event.target.value })} style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
          {options.map((option) => (
            <Radio key={option.value} value={option.value}>
              {option.label}
            </Radio>
          ))}
        </Radio.Group>
      </fieldset>
      {draft.returnMethod === 'post' && (
        <Field id="returnAddress" label="Địa chỉ nhận kết quả" error={error}>
          <Input.TextArea
            id="returnAddress"
            rows={3}
            value={draft.returnAddress}
            onChange={(event) => update({ returnAddress: event.target.value })}
            status={error ? 'error' : ''}
            aria-describedby={error ? 'returnAddress-loi' : undefined}
            autoComplete="street-address"
          />
        </Field>
      )}
    </StepForm>
  );
}

const RETURN_LABELS = { counter: 'Tại Bộ phận Một cửa', post: 'Qua bưu điện', electronic: 'Bản điện tử trên cổng' } as const;

function CheckStep({ version, draft, base, error, pending, onFile }: StepProps & { error: Error | null; pending: boolean; onFile(): void }) {
  const row = (label: string, value: ReactNode, step?: Step) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
      {step && (
        <dd className="change no-print">
          <PageLink to={`${base}/${step}`}>
            Thay đổi<span className="sr-only"> {label.toLowerCase()}</span>
          </PageLink>
        </dd>
      )}
    </div>
  );
  return (
    <>
      <h1>Kiểm tra lại trước khi nộp</h1>
      <dl className="summary-list">
        {row('Thủ tục', version.name)}
        {row('Nơi nộp', draft.unit?.name ?? '—', 'noi-nop')}
        {row('Họ và tên', draft.fullName, 'nguoi-nop')}
        {row('Số định danh', draft.idNumber, 'nguoi-nop')}
        {row('Điện thoại', draft.phone || 'Không có', 'nguoi-nop')}
        {row(
          'Giấy tờ',
          draft.components.length ? <GivenComponents draft={draft} /> : 'Chưa chọn',
          'giay-to',
        )}
        {row('Nhận kết quả', `${RETURN_LABELS[draft.returnMethod]}${draft.returnMethod === 'post' ? `: ${draft.returnAddress}` : ''}`, 'nhan-ket-qua')}
      </dl>
      <h2>Cam đoan</h2>
      <p>Khi bấm “Nộp hồ sơ”, bạn cam đoan những thông tin trên là đúng sự thật.</p>
      {error && <ErrorMessage error={error} />}
      <Button type="primary" size="large" className="full-width" loading={pending} onClick={onFile}>
        Nộp hồ sơ
      </Button>
    </>
  );
}

function GivenComponents({ draft }: { draft: Draft }) {
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {draft.components.map((name) => ({ name, attachment: draft.attachments[name] })).map(({ name, attachment }) => (
        <li key={name}>
          {name}: {attachment ? `${attachment.kind === 'file' ? 'tệp' : 'trong kho'} ${attachmentName(attachment)}` : 'chưa đính kèm'}
        </li>
      ))}
    </ul>
  );
}
