import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Steps, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { openForm } from '../../../lib/api';
import { formatDateTime } from '@mc/web-api';
import { SignaturesCard } from '../../signatures/components/SignaturesCard';
import { dossier, type DossierView } from '../api/dossier-api';
import { ActionPanel } from './ActionPanel';
import { HistoryCard } from './HistoryCard';
import { SubHandlingsCard } from './SubHandlingsCard';
import { VERDICT_COLOURS } from './VerdictTag';

const RETURN_METHODS = { counter: 'Tại bộ phận một cửa', post: 'Qua bưu điện', electronic: 'Trực tuyến' } as const;
const COPY_TYPES: Record<string, string> = { original: 'Bản chính', copy: 'Bản sao', certified_copy: 'Bản sao chứng thực', present_original: 'Xuất trình bản chính' };

/** The forms this dossier has: each only once the step that issues it has happened. */
function formsOf(view: DossierView) {
  return [
    { form: 'control-slip' as const, label: 'Phiếu kiểm soát quá trình giải quyết', shown: true },
    { form: 'supplement-request' as const, label: 'Phiếu yêu cầu bổ sung (Mẫu 02)', shown: view.supplementRequests > 0 },
    { form: 'refusal' as const, label: 'Phiếu từ chối giải quyết (Mẫu 03)', shown: view.state === 'refused' },
    { form: 'apology' as const, label: 'Văn bản xin lỗi, hẹn lại (Mẫu 04)', shown: (view.apologies?.length ?? 0) > 0 },
    { form: 'stop-notice' as const, label: 'Thông báo dừng giải quyết', shown: Boolean(view.stopNotice) },
  ].filter((entry) => entry.shown);
}

/** The dossier as a specialist, a leader or a clerical officer works on it: its data, papers, history, and what they may do now. */
export function DossierPage({ code }: { code: string }) {
  const view = useQuery({ queryKey: ['dossier', code], queryFn: () => dossier(code) });
  const [printError, setPrintError] = useState<Error | null>(null);

  if (view.error) return <ErrorAlert error={view.error} />;
  const data = view.data;
  if (!data) return <Typography.Text>Đang tải hồ sơ…</Typography.Text>;
  const applicant = data.applicant;
  const applicantName = applicant.kind === 'individual' ? applicant.fullName : applicant.name;
  const overdue = !data.finishedAt && data.state !== 'awaiting_supplement' && new Date(data.dueAt).getTime() < Date.now();
  const forms = formsOf(data);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2} style={{ marginBottom: 0 }}>
        Hồ sơ {data.code}
      </Typography.Title>
      {overdue && <Alert type="error" showIcon message={`Hồ sơ đã quá hạn trả kết quả (${data.dueAtDisplay}).`} description="Lãnh đạo lập văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04) hoặc gia hạn trước khi trả kết quả." />}
      <Card title="Xử lý" size="small">
        <ActionPanel view={data} />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="Thủ tục">
              {data.procedure.name} ({data.procedure.code}, phiên bản {data.procedure.version})
            </Descriptions.Item>
            <Descriptions.Item label="Người nộp">
              {applicantName} — {applicant.kind === 'individual' ? `số định danh ${applicant.idNumber}` : `mã số thuế ${applicant.taxCode}`}
              {applicant.phone ? `, điện thoại ${applicant.phone}` : ''}
              {applicant.address ? `, ${applicant.address}` : ''}
            </Descriptions.Item>
            {data.representative && <Descriptions.Item label="Người nộp thay">{data.representative.username}</Descriptions.Item>}
            <Descriptions.Item label="Trạng thái">
              <Tag color={overdue ? 'red' : 'blue'}>{data.stateLabel}</Tag>
              {data.supplementRequests > 0 && <Tag color="#ad4e00">Đã yêu cầu bổ sung {data.supplementRequests} lần</Tag>}
              {data.lateForReporting && <Tag color="red">Tính là trễ hạn</Tag>}
            </Descriptions.Item>
            <Descriptions.Item label="Bước hiện tại">
              {data.currentStep ? `${data.currentStep.name}${data.stepDueAt ? ` — hạn bước ${formatDateTime(data.stepDueAt)}` : ''}` : '—'}
            </Descriptions.Item>
          </Descriptions>
        </Col>
        <Col xs={24} xl={10}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="Tiếp nhận lúc">{formatDateTime(data.receivedAt)}</Descriptions.Item>
            <Descriptions.Item label="Hẹn trả kết quả">{data.dueAtDisplay}</Descriptions.Item>
            <Descriptions.Item label="Nhận kết quả">{RETURN_METHODS[data.returnMethod]}</Descriptions.Item>
            <Descriptions.Item label="Đơn vị">
              tiếp nhận {data.receivingUnitCode}, giải quyết {data.competentUnitCode}
            </Descriptions.Item>
            {data.finishedAt && (
              <Descriptions.Item label="Kết thúc lúc">
                {formatDateTime(data.finishedAt)} {data.onTime === null ? null : <Tag color={data.onTime ? VERDICT_COLOURS.early : VERDICT_COLOURS.late}>{data.onTime ? 'Đúng hạn' : 'Trễ hạn'}</Tag>}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Col>
      </Row>
      <Steps
        size="small"
        current={data.currentStep ? data.workflow.findIndex((step) => step.key === data.currentStep?.key) : data.workflow.length}
        items={data.workflow.map((step) => ({ title: step.name }))}
      />
      <Card title="Thành phần hồ sơ" size="small">
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={data.components}
          columns={[
            { title: 'Tên giấy tờ', dataIndex: 'name' },
            { title: 'Loại bản', render: (_, row) => COPY_TYPES[row.copyType] ?? row.copyType },
            { title: 'Số bản', dataIndex: 'quantity' },
            { title: 'Số hóa', render: (_, row) => (row.digitised ? 'Có' : 'Không') + (row.reusedFromStore ? ' (tái sử dụng)' : '') },
          ]}
        />
        {/* Tệp đính kèm: the documents service's uploads land here when its API is merged. */}
      </Card>
      <SubHandlingsCard view={data} />
      <SignaturesCard view={data} />
      <Card title="Biểu mẫu" size="small">
        {printError && <ErrorAlert error={printError} />}
        <Space wrap>
          {forms.map(({ form, label }) => (
            <Button key={form} onClick={() => openForm(data.code, form).then(() => setPrintError(null), setPrintError)}>
              In {label}
            </Button>
          ))}
        </Space>
      </Card>
      <HistoryCard code={data.code} />
    </Space>
  );
}
