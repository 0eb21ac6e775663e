import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, Result, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { openForm } from '../../../lib/api';
import { formatDate, formatDateTime } from '@mc/web-api';
import { navigate } from '../../../lib/router';
import { procedureInForce, receiveDossier, returningApplicant, searchProcedures, type ReceiveRequest, type ReceiveResult, type ReturningApplicant } from '../api/counter-api';
import { parseIdCardQr } from '../utils/parse-id-card-qr';

interface ApplicantFields {
  fullName: string;
  idNumber: string;
  address?: string;
  phone?: string;
}

/**
 * The counter: scan the ID card (the scanner types its QR text and Enter),
 * pick the procedure by typing without diacritics, tick the papers handed
 * in, and receive. Everything is reachable with Tab and Enter.
 */
export function ReceiveDossierPage() {
  const [form] = Form.useForm<ApplicantFields>();
  const [qr, setQr] = useState('');
  const [qrError, setQrError] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [procedureCode, setProcedureCode] = useState<string>();
  const [received, setReceived] = useState<string[]>([]);
  const [refusalReason, setRefusalReason] = useState('');
  const idempotencyKey = useRef(crypto.randomUUID());
  const [returning, setReturning] = useState<ReturningApplicant | null>(null);
  const [lookupError, setLookupError] = useState<Error | null>(null);
  const lookedUp = useRef('');

  const procedures = useQuery({ queryKey: ['procedures', search], queryFn: () => searchProcedures(search), enabled: search.trim().length >= 2 });
  const version = useQuery({ queryKey: ['in-force', procedureCode], queryFn: () => procedureInForce(procedureCode ?? ''), enabled: Boolean(procedureCode) });
  const receive = useMutation<ReceiveResult, Error, { refuse: boolean }>({
    mutationFn: async ({ refuse }) => {
      const applicant = await form.validateFields();
      return receiveDossier(
        {
          procedureCode: procedureCode ?? '',
          channel: 'counter',
          applicant: { kind: 'individual', ...applicant, address: applicant.address || undefined, phone: applicant.phone || undefined },
          components: (version.data?.components ?? [])
            .filter((component) => received.includes(component.name))
            .map((component) => ({ name: component.name, copyType: component.copyType, quantity: component.quantity })),
          ...(refuse ? { refusalReason } : {}),
        },
        idempotencyKey.current,
      );
    },
  });

  /**
   * A returning applicant's phone and address as the unit last wrote them down:
   * filled only where the clerk (or the card) left the field empty.
   */
  const fillReturning = (idNumber: string) => {
    if (!/^\d{12}$/.test(idNumber) || lookedUp.current === idNumber) return;
    lookedUp.current = idNumber;
    setReturning(null);
    setLookupError(null);
    returningApplicant(idNumber).then((found) => {
      if (!found || form.getFieldValue('idNumber') !== idNumber) return;
      const current = form.getFieldsValue();
      form.setFieldsValue({
        fullName: current.fullName || found.applicant.fullName,
        address: current.address || found.applicant.address,
        phone: current.phone || found.applicant.phone,
      });
      setReturning(found);
    }, setLookupError);
  };

  const readQr = () => {
    const card = parseIdCardQr(qr);
    if (!card) {
      setQrError('Không đọc được mã QR. Quét lại thẻ căn cước, hoặc nhập số định danh và họ tên bằng tay.');
      return;
    }
    setQrError(null);
    form.setFieldsValue({ fullName: card.fullName, idNumber: card.idNumber, address: card.address });
    setQr('');
    fillReturning(card.idNumber);
  };

  const startOver = () => {
    form.resetFields();
    setReturning(null);
    setLookupError(null);
    lookedUp.current = '';
    setProcedureCode(undefined);
    setReceived([]);
    setRefusalReason('');
    setSearch('');
    idempotencyKey.current = crypto.randomUUID();
    receive.reset();
  };

  if (receive.data) return <Outcome result={receive.data} onNext={startOver} />;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>Tiếp nhận hồ sơ</Typography.Title>
      <Card title="1. Người nộp hồ sơ" size="small">
        <Form.Item label="Quét mã QR trên thẻ căn cước" htmlFor="qr" help={qrError ?? 'Đặt con trỏ ở đây rồi quét; máy quét tự nhấn Enter.'} validateStatus={qrError ? 'error' : undefined}>
          <Input id="qr" autoFocus value={qr} onChange={(event) => setQr(event.target.value)} onPressEnter={readQr} autoComplete="off" />
        </Form.Item>
        {returning && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={`Người nộp đã đến trước đây (hồ sơ ${returning.lastDossierCode}, ${formatDateTime(returning.lastReceivedAt)}).`}
            description="Đã điền sẵn những thông tin còn trống từ lần trước; hỏi lại người nộp số điện thoại và địa chỉ còn đúng không."
          />
        )}
        {lookupError && <ErrorAlert error={lookupError} />}
        <Form form={form} layout="inline" requiredMark>
          <Form.Item name="fullName" label="Họ và tên" rules={[{ required: true, message: 'Nhập họ và tên người nộp.' }]}>
            <Input id="fullName" />
          </Form.Item>
          <Form.Item name="idNumber" label="Số định danh" rules={[{ required: true, pattern: /^\d{12}$/, message: 'Số định danh gồm đúng 12 chữ số.' }]}>
            <Input id="idNumber" inputMode="numeric" onBlur={(event) => fillReturning(event.target.value.trim())} />
          </Form.Item>
          <Form.Item name="address" label="Địa chỉ">
            <Input id="address" style={{ width: 360 }} />
          </Form.Item>
          <Form.Item name="phone" label="Điện thoại">
            <Input id="phone" inputMode="tel" />
          </Form.Item>
        </Form>
      </Card>
      <Card title="2. Thủ tục" size="small">
        <label htmlFor="procedure">Tìm thủ tục (gõ không dấu cũng được)</label>
        <Select
          id="procedure"
          showSearch
          style={{ width: '100%' }}
          placeholder="ví dụ: dang ky khai sinh"
          filterOption={false}
          onSearch={setSearch}
          value={procedureCode}
          onChange={(code: string) => {
            setProcedureCode(code);
            setReceived([]);
          }}
          loading={procedures.isFetching}
          notFoundContent={search.trim().length >= 2 ? 'Không có thủ tục phù hợp' : 'Gõ ít nhất 2 ký tự'}
          options={(procedures.data?.items ?? []).map((hit) => ({ value: hit.code, label: `${hit.name} (${hit.code})` }))}
        />
        {version.data && (
          <div style={{ marginTop: 12 }}>
            <Typography.Text strong>Thành phần hồ sơ (phiên bản {version.data.version}, hiệu lực từ {formatDate(version.data.effectiveFrom)})</Typography.Text>
            <Checkbox.Group
              style={{ display: 'flex', flexDirection: 'column', gap: 4, marginTop: 8 }}
              value={received}
              onChange={(values) => setReceived(values as string[])}
              options={version.data.components.map((component) => ({ value: component.name, label: `${component.name} — ${component.quantity} bản` }))}
            />
          </div>
        )}
      </Card>
      <Card title="3. Kết quả tiếp nhận" size="small">
        {receive.error && <ErrorAlert error={receive.error} />}
        <Space wrap>
          <Button id="accept" type="primary" disabled={!procedureCode} loading={receive.isPending} onClick={() => receive.mutate({ refuse: false })}>
            Tiếp nhận
          </Button>
          <Input aria-label="Lý do từ chối tiếp nhận" placeholder="Lý do từ chối (Mẫu 03)" value={refusalReason} onChange={(event) => setRefusalReason(event.target.value)} style={{ width: 320 }} />
          <Button danger disabled={!procedureCode || !refusalReason.trim()} loading={receive.isPending} onClick={() => receive.mutate({ refuse: true })}>
            Từ chối tiếp nhận
          </Button>
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          Thiếu thành phần hồ sơ thì hệ thống lập phiếu yêu cầu bổ sung (Mẫu 02) thay cho giấy tiếp nhận.
        </Typography.Paragraph>
      </Card>
    </Space>
  );
}

function Outcome({ result, onNext }: { result: ReceiveResult; onNext: () => void }) {
  const [printError, setPrintError] = useState<Error | null>(null);
  const next = (
    <Button key="next" onClick={onNext}>
      Tiếp nhận hồ sơ khác
    </Button>
  );
  if (result.outcome === 'accepted') {
    const { receipt } = result;
    const print = (
      <Button key="print" type="primary" autoFocus onClick={() => openForm(receipt.code, 'receipt', receipt.tracking.token).catch(setPrintError)}>
        In giấy tiếp nhận (Mẫu 01)
      </Button>
    );
    // The receiving step is the counter's: the clerk hands the dossier on from its page.
    const handOn = (
      <Button key="open" onClick={() => navigate(`/ho-so/${encodeURIComponent(receipt.code)}`)}>
        Mở hồ sơ để chuyển xử lý
      </Button>
    );
    return (
      <Result status="success" title={`Đã tiếp nhận hồ sơ ${receipt.code}`} subTitle={`Hẹn trả kết quả: ${receipt.dueAtDisplay}`} extra={[print, handOn, next]}>
        {printError && <ErrorAlert error={printError} />}
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label="Thủ tục">{receipt.procedure.name}</Descriptions.Item>
          <Descriptions.Item label="Tiếp nhận lúc">{receipt.receivedAtDisplay}</Descriptions.Item>
          <Descriptions.Item label="Thời hạn giải quyết">{receipt.statutoryTime.display}</Descriptions.Item>
        </Descriptions>
      </Result>
    );
  }
  const applicantName = (applicant: ReceiveRequest['applicant']) => (applicant.kind === 'individual' ? `${applicant.fullName} (số định danh ${applicant.idNumber})` : applicant.name);
  if (result.outcome === 'incomplete') {
    const { request } = result;
    return (
      <Result status="warning" title="Hồ sơ chưa đầy đủ — Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)" extra={[<PrintPage key="print" />, next]}>
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label="Người nộp">{applicantName(request.applicant)}</Descriptions.Item>
          <Descriptions.Item label="Thủ tục">{request.procedure.name}</Descriptions.Item>
          <Descriptions.Item label="Cần bổ sung">
            <ul style={{ margin: 0 }}>{request.missing.map((item) => <li key={item}>{item}</li>)}</ul>
          </Descriptions.Item>
          <Descriptions.Item label="Hướng dẫn">{request.guidance}</Descriptions.Item>
          <Descriptions.Item label="Lập lúc">{request.issuedAtDisplay}, cán bộ {request.issuedBy}</Descriptions.Item>
        </Descriptions>
      </Result>
    );
  }
  const { notice } = result;
  return (
    <Result status="error" title="Đã từ chối tiếp nhận — Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03)" extra={[<PrintPage key="print" />, next]}>
      <Descriptions bordered size="small" column={1}>
        <Descriptions.Item label="Người nộp">{applicantName(notice.applicant)}</Descriptions.Item>
        <Descriptions.Item label="Thủ tục">{notice.procedure.name}</Descriptions.Item>
        <Descriptions.Item label="Lý do từ chối">{notice.reason}</Descriptions.Item>
        <Descriptions.Item label="Lập lúc">{notice.issuedAtDisplay}, cán bộ {notice.issuedBy}</Descriptions.Item>
      </Descriptions>
    </Result>
  );
}

/** Mẫu 02 and 03 at the counter belong to no dossier, so the API has no PDF of them: the page itself is the printout. */
function PrintPage() {
  return (
    <Button type="primary" autoFocus onClick={() => window.print()}>
      In phiếu
    </Button>
  );
}
