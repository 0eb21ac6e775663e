import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Breadcrumb, Button, Card, DatePicker, Descriptions, Input, Progress, Space, Table, Tabs, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusTag } from '../../../components/StatusTag';
import { formatDateTime } from '@mc/web-api';
import { downloadReport, indicators, lateDossiers, satisfaction, staffing, timeliness, trackingBook, type ReportKind, type ReportScope } from '../api/reports-api';

const TIMELINESS_COLUMNS = [
  { key: 'carriedOver', title: 'Kỳ trước chuyển sang' },
  { key: 'received', title: 'Tiếp nhận trong kỳ' },
  { key: 'finishedEarly', title: 'Giải quyết trước hạn' },
  { key: 'finishedOnTime', title: 'Giải quyết đúng hạn' },
  { key: 'finishedLate', title: 'Giải quyết quá hạn' },
  { key: 'inProgressOnTime', title: 'Đang giải quyết trong hạn' },
  { key: 'inProgressOverdue', title: 'Đang giải quyết quá hạn' },
] as const;

// Colours kept apart for colour-blind readers and dark enough on white.
const CHART_SERIES = [
  { key: 'finishedEarly', name: 'Trước hạn', color: '#0958d9' },
  { key: 'finishedOnTime', name: 'Đúng hạn', color: '#389e0d' },
  { key: 'finishedLate', name: 'Quá hạn', color: '#cf1322' },
  { key: 'inProgressOnTime', name: 'Đang giải quyết trong hạn', color: '#8c8c8c' },
  { key: 'inProgressOverdue', name: 'Đang giải quyết quá hạn', color: '#d46b08' },
] as const;

interface Freshness {
  pendingEvents: number;
  asOf: string;
  lagMs: number;
}

function FreshnessNote({ freshness }: { freshness: Freshness | undefined }) {
  if (!freshness) return null;
  return (
    <Typography.Paragraph type="secondary">
      Số liệu tính đến {formatDateTime(freshness.asOf)}
      {freshness.pendingEvents > 0 ? ` — còn ${freshness.pendingEvents} thay đổi chưa cập nhật (chậm khoảng ${Math.ceil(freshness.lagMs / 1000)} giây).` : ' — đã cập nhật đầy đủ.'}
    </Typography.Paragraph>
  );
}

function Exports({ kind, params }: { kind: ReportKind; params: Record<string, string> }) {
  const { message } = App.useApp();
  const exportFile = useMutation({ mutationFn: (format: 'xlsx' | 'pdf') => downloadReport(kind, params, format), onSuccess: (fileName) => message.success(`Đã tải ${fileName}.`) });
  return (
    <Space>
      <Button onClick={() => exportFile.mutate('xlsx')} loading={exportFile.isPending && exportFile.variables === 'xlsx'}>
        Xuất Excel
      </Button>
      <Button onClick={() => exportFile.mutate('pdf')} loading={exportFile.isPending && exportFile.variables === 'pdf'}>
        Xuất PDF
      </Button>
      {exportFile.error && <ErrorAlert error={exportFile.error} />}
    </Space>
  );
}

function ReportCard({ title, kind, params, children }: { title: ReactNode; kind: ReportKind; params: Record<string, string>; children: ReactNode }) {
  return (
    <Card size="small" title={title} extra={<Exports kind={kind} params={params} />}>
      {children}
    </Card>
  );
}

/** Timeliness by the unit tree: a row of a subunit opens that subunit's own report; the path back is the breadcrumb. */
function Timeliness({ scope, onDrill, onNamed, trail }: { scope: ReportScope; onDrill: (code: string, name: string) => void; onNamed: (code: string, name: string) => void; trail: ReactNode }) {
  const report = useQuery({ queryKey: ['report-timeliness', scope], queryFn: () => timeliness(scope) });
  const data = report.data;
  // A unit typed by its code gets its name in the breadcrumb once the report names it.
  useEffect(() => {
    if (data) onNamed(data.unit.code, data.unit.name);
  }, [data, onNamed]);
  const drillable = (key: string) => key !== scope.unitCode;
  return (
    <ReportCard title={data?.title ?? 'Tình hình giải quyết thủ tục hành chính'} kind="timeliness" params={{ ...scope, groupBy: 'unit' }}>
      {trail}
      {report.error && <ErrorAlert error={report.error} />}
      <FreshnessNote freshness={data?.freshness} />
      {data && <Typography.Paragraph strong>{data.summary}</Typography.Paragraph>}
      {data && data.rows.length > 0 && (
        <figure style={{ margin: 0 }} aria-label="Biểu đồ kết quả giải quyết theo đơn vị">
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={data.rows} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
              <YAxis allowDecimals={false} />
              <Tooltip />
              <Legend />
              {CHART_SERIES.map((series) => (
                <Bar key={series.key} dataKey={series.key} name={series.name} stackId="all" fill={series.color} maxBarSize={80} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </figure>
      )}
      <Table
        rowKey="key"
        size="small"
        loading={report.isFetching}
        pagination={false}
        scroll={{ x: true }}
        dataSource={data?.rows ?? []}
        summary={() =>
          data && (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <strong>Tổng cộng</strong>
              </Table.Summary.Cell>
              {TIMELINESS_COLUMNS.map((column, index) => (
                <Table.Summary.Cell key={column.key} index={index + 1}>
                  <strong>{data.total[column.key]}</strong>
                </Table.Summary.Cell>
              ))}
              <Table.Summary.Cell index={TIMELINESS_COLUMNS.length + 1}>
                <strong>{data.total.onTimeRateDisplay}</strong>
              </Table.Summary.Cell>
            </Table.Summary.Row>
          )
        }
        columns={[
          {
            title: 'Đơn vị',
            dataIndex: 'label',
            render: (label: string, row) =>
              drillable(row.key) ? (
                <Button type="link" style={{ padding: 0 }} onClick={() => onDrill(row.key, label)}>
                  {label}
                </Button>
              ) : (
                label
              ),
          },
          ...TIMELINESS_COLUMNS.map((column) => ({ title: column.title, dataIndex: column.key, align: 'right' as const })),
          { title: 'Tỷ lệ đúng hạn', dataIndex: 'onTimeRateDisplay', align: 'right' as const },
        ]}
      />
    </ReportCard>
  );
}

function LateDossiers({ scope }: { scope: ReportScope }) {
  const [offset, setOffset] = useState(0);
  const report = useQuery({ queryKey: ['report-late', scope, offset], queryFn: () => lateDossiers(scope, offset) });
  return (
    <ReportCard title={report.data?.title ?? 'Hồ sơ trễ hạn'} kind="late-dossiers" params={{ ...scope }}>
      {report.error && <ErrorAlert error={report.error} />}
      <FreshnessNote freshness={report.data?.freshness} />
      <Table
        rowKey="code"
        size="small"
        loading={report.isFetching}
        dataSource={report.data?.lines ?? []}
        pagination={{ pageSize: 50, current: offset / 50 + 1, total: report.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setOffset((page - 1) * 50) }}
        columns={[
          { title: 'Mã hồ sơ', dataIndex: 'code' },
          { title: 'Người nộp', dataIndex: 'applicantName' },
          { title: 'Thủ tục', dataIndex: 'procedureName' },
          { title: 'Tiếp nhận', dataIndex: 'receivedAtDisplay' },
          { title: 'Hạn trả', dataIndex: 'dueAtDisplay' },
          { title: 'Hoàn thành', dataIndex: 'finishedAtDisplay', render: (value: string | null) => value ?? 'Đang giải quyết' },
          { title: 'Lý do', dataIndex: 'lateReason', render: (reason: string) => <StatusTag tone="bad">{reason}</StatusTag> },
          { title: 'Xin lỗi, hẹn lại', render: (_, line) => line.apologies.map((apology) => `hẹn ${apology.newDueAtDisplay}: ${apology.reason}`).join('; ') || '—' },
        ]}
      />
    </ReportCard>
  );
}

function TrackingBook({ scope }: { scope: ReportScope }) {
  const [offset, setOffset] = useState(0);
  const report = useQuery({ queryKey: ['report-book', scope, offset], queryFn: () => trackingBook(scope, offset) });
  return (
    <ReportCard title={report.data?.title ?? 'Sổ theo dõi hồ sơ'} kind="tracking-book" params={{ ...scope }}>
      {report.error && <ErrorAlert error={report.error} />}
      <FreshnessNote freshness={report.data?.freshness} />
      <Table
        rowKey="code"
        size="small"
        loading={report.isFetching}
        dataSource={report.data?.lines ?? []}
        pagination={{ pageSize: 50, current: offset / 50 + 1, total: report.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setOffset((page - 1) * 50) }}
        columns={[
          { title: 'STT', dataIndex: 'number' },
          { title: 'Mã hồ sơ', dataIndex: 'code' },
          { title: 'Người nộp', dataIndex: 'applicantName' },
          { title: 'Thủ tục', dataIndex: 'procedureName' },
          { title: 'Tiếp nhận', dataIndex: 'receivedAtDisplay' },
          { title: 'Hạn trả', dataIndex: 'dueAtDisplay' },
          { title: 'Hoàn thành', dataIndex: 'finishedAtDisplay', render: (value: string | null) => value ?? '—' },
          { title: 'Kết quả', dataIndex: 'outcomeLabel', render: (value: string | null) => value ?? 'Đang giải quyết' },
        ]}
      />
    </ReportCard>
  );
}

function Indicators({ scope }: { scope: ReportScope }) {
  const report = useQuery({ queryKey: ['report-indicators', scope], queryFn: () => indicators(scope) });
  return (
    <ReportCard title={report.data?.title ?? 'Bộ chỉ số QĐ 766/QĐ-TTg'} kind="indicators" params={{ ...scope }}>
      {report.error && <ErrorAlert error={report.error} />}
      <FreshnessNote freshness={report.data?.freshness} />
      <Table
        rowKey="key"
        size="small"
        loading={report.isFetching}
        pagination={false}
        dataSource={report.data?.indicators ?? []}
        columns={[
          { title: 'Nhóm', dataIndex: 'group', width: 70 },
          { title: 'Chỉ số', dataIndex: 'name', render: (name: string, row) => <span title={row.formula}>{name}</span> },
          {
            title: 'Giá trị',
            render: (_, row) =>
              row.value === null ? (
                <Typography.Text type="secondary">{row.unavailableReason ?? 'Chưa có số liệu'}</Typography.Text>
              ) : (
                <Space>
                  <Progress percent={Math.round(row.value * 100)} size="small" style={{ width: 120 }} showInfo={false} aria-label={`${row.name}: ${row.valueDisplay}`} />
                  {row.valueDisplay}
                </Space>
              ),
          },
          { title: 'Điểm', render: (_, row) => (row.score === null ? '—' : `${row.score.toLocaleString('vi-VN')}/${row.maxPoints}`) },
        ]}
      />
    </ReportCard>
  );
}

function Satisfaction({ scope }: { scope: ReportScope }) {
  const report = useQuery({ queryKey: ['report-satisfaction', scope], queryFn: () => satisfaction(scope) });
  const data = report.data;
  return (
    <ReportCard title={data?.title ?? 'Mức độ hài lòng'} kind="satisfaction" params={{ ...scope }}>
      {report.error && <ErrorAlert error={report.error} />}
      <FreshnessNote freshness={data?.freshness} />
      {data && (
        <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
          <Descriptions.Item label="Số lượt đánh giá">{data.ratings}</Descriptions.Item>
          <Descriptions.Item label="Không hài lòng">{data.dissatisfied}</Descriptions.Item>
        </Descriptions>
      )}
      <Table
        rowKey="key"
        size="small"
        loading={report.isFetching}
        pagination={false}
        dataSource={data?.criteria ?? []}
        columns={[
          { title: 'Tiêu chí', dataIndex: 'label' },
          { title: 'Các mức', render: (_, criterion) => criterion.levels.map((level) => `${level.label}: ${level.count}`).join(' · ') },
        ]}
      />
    </ReportCard>
  );
}

function Staffing({ unitCode }: { unitCode: string }) {
  const report = useQuery({ queryKey: ['report-staffing', unitCode], queryFn: () => staffing(unitCode) });
  const data = report.data;
  return (
    <ReportCard title={data?.title ?? 'Nhân sự Bộ phận Một cửa'} kind="staffing" params={{ unitCode }}>
      {report.error && <ErrorAlert error={report.error} />}
      <FreshnessNote freshness={data?.freshness} />
      <Table
        rowKey="unitCode"
        size="small"
        loading={report.isFetching}
        pagination={false}
        dataSource={data?.lines ?? []}
        columns={[
          { title: 'STT', dataIndex: 'number' },
          { title: 'Bộ phận Một cửa', dataIndex: 'centreName' },
          { title: 'Tổng số', dataIndex: 'total', align: 'right' },
          { title: 'Thuộc biên chế', dataIndex: 'own', align: 'right' },
          { title: 'Cơ quan chuyên môn cử đến', dataIndex: 'seconded', align: 'right' },
        ]}
      />
    </ReportCard>
  );
}

/** Every report over one scope (a unit and a period), each with its Excel and PDF export a click away. */
export function ReportsPage({ defaultUnit }: { defaultUnit: string }) {
  const [trail, setTrail] = useState<{ code: string; name: string }[]>([{ code: defaultUnit, name: defaultUnit }]);
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const [tab, setTab] = useState('timeliness');
  const unitCode = trail[trail.length - 1].code;
  const nameUnit = useCallback(
    (code: string, name: string) => setTrail((steps) => (steps.some((step) => step.code === code && step.name !== name) ? steps.map((step) => (step.code === code ? { code, name } : step)) : steps)),
    [],
  );
  const scope: ReportScope = { unitCode, from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') };

  const breadcrumb = (
    <Breadcrumb
      style={{ marginBottom: 8 }}
      items={trail.map((step, index) => ({
        key: step.code,
        title:
          index === trail.length - 1 ? (
            step.name
          ) : (
            <a href="#" onClick={(event) => (event.preventDefault(), setTrail(trail.slice(0, index + 1)))}>
              {step.name}
            </a>
          ),
      }))}
    />
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>Báo cáo</Typography.Title>
      <Space wrap>
        <Input.Search
          aria-label="Mã đơn vị báo cáo"
          defaultValue={defaultUnit}
          enterButton="Chọn đơn vị"
          style={{ width: 280 }}
          onSearch={(value) => {
            const code = value.trim().toUpperCase();
            if (code) setTrail([{ code, name: code }]);
          }}
        />
        <DatePicker.RangePicker
          aria-label="Kỳ báo cáo"
          format="DD/MM/YYYY"
          allowClear={false}
          value={range}
          onChange={(value) => value?.[0] && value[1] && setRange([value[0], value[1]])}
        />
      </Space>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          { key: 'timeliness', label: 'Tiến độ giải quyết', children: <Timeliness scope={scope} trail={breadcrumb} onNamed={nameUnit} onDrill={(code, name) => setTrail([...trail, { code, name }])} /> },
          { key: 'late', label: 'Hồ sơ trễ hạn', children: <LateDossiers scope={scope} /> },
          { key: 'book', label: 'Sổ theo dõi hồ sơ', children: <TrackingBook scope={scope} /> },
          { key: 'indicators', label: 'Chỉ số QĐ 766', children: <Indicators scope={scope} /> },
          { key: 'satisfaction', label: 'Mức độ hài lòng', children: <Satisfaction scope={scope} /> },
          { key: 'staffing', label: 'Nhân sự một cửa', children: <Staffing unitCode={unitCode} /> },
        ]}
      />
    </Space>
  );
}
