import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Badge, Button, Form, Grid, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '@mc/web-api';
import { navigate } from '../../../lib/router';
import { QUEUES, workQueueCounts, workQueuePage, type QueueFilter, type QueueKind } from '../api/work-queues-api';

type Filter = Pick<QueueFilter, 'procedureCode' | 'channel' | 'state'>;

const CHANNELS = [
  { value: 'counter', label: 'Tại quầy' },
  { value: 'online', label: 'Trực tuyến' },
  { value: 'postal', label: 'Qua bưu điện' },
];
const STATES = [
  { value: 'in_progress', label: 'Đang giải quyết' },
  { value: 'awaiting_supplement', label: 'Chờ bổ sung hồ sơ' },
  { value: 'approved', label: 'Đã phê duyệt, chờ phát hành' },
  { value: 'result_ready', label: 'Có kết quả, chờ trả' },
];

const open = (code: string) => navigate(`/ho-so/${encodeURIComponent(code)}`);

/**
 * The queues a specialist, a leader or a clerical officer works from, in due
 * order, 50 rows a page; the next page by the API's keyset cursor, so page 40
 * costs what page 1 does and a dossier that moves meanwhile is not shown twice.
 */
export function WorkQueuePage() {
  const [queue, setQueue] = useState<QueueKind>('mine');
  const [filter, setFilter] = useState<Filter>({});
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [form] = Form.useForm<Filter>();
  const cursor = cursors[cursors.length - 1];
  // Narrower than a landscape tablet, six labels with their counts side by side overflow into a "more" menu that
  // hides queues (and is not a tab, which screen readers trip over): each count goes under its label instead.
  const stacked = !Grid.useBreakpoint().lg;
  const counts = useQuery({ queryKey: ['work-queue-counts'], queryFn: workQueueCounts });
  const page = useQuery({
    queryKey: ['work-queue', queue, filter, cursor],
    queryFn: () => workQueuePage(queue, filter, cursor),
    placeholderData: keepPreviousData,
  });
  const restart = (next: { queue?: QueueKind; filter?: Filter }) => {
    if (next.queue) setQueue(next.queue);
    if (next.filter) setFilter(next.filter);
    setCursors([undefined]);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>Hồ sơ cần xử lý</Typography.Title>
      <Tabs
        activeKey={queue}
        tabBarGutter={stacked ? 16 : undefined}
        onChange={(key) => restart({ queue: key as QueueKind })}
        items={QUEUES.map(({ key, label }) => ({
          key,
          label: (
            <span style={stacked ? { display: 'inline-flex', flexDirection: 'column', alignItems: 'center' } : undefined}>
              {label} <Badge count={counts.data?.[key] ?? 0} showZero overflowCount={9999} color={key === 'overdue' ? '#cf1322' : '#0958d9'} />
            </span>
          ),
        }))}
      />
      <Form
        form={form}
        layout="inline"
        aria-label="Lọc hồ sơ"
        onFinish={(values) => restart({ filter: { procedureCode: values.procedureCode?.trim() || undefined, channel: values.channel, state: values.state } })}
      >
        <Form.Item name="procedureCode" label="Mã thủ tục" htmlFor="filter-procedure">
          <Input id="filter-procedure" allowClear style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="channel" label="Kênh nộp" htmlFor="filter-channel">
          <Select id="filter-channel" allowClear options={CHANNELS} style={{ width: 150 }} placeholder="Tất cả" />
        </Form.Item>
        <Form.Item name="state" label="Trạng thái" htmlFor="filter-state">
          <Select id="filter-state" allowClear options={STATES} style={{ width: 220 }} placeholder="Tất cả" />
        </Form.Item>
        <Space>
          <Button htmlType="submit">Lọc</Button>
          <Button
            onClick={() => {
              form.resetFields();
              restart({ filter: {} });
            }}
          >
            Bỏ lọc
          </Button>
        </Space>
      </Form>
      {page.error && <ErrorAlert error={page.error} />}
      <Table
        rowKey="id"
        size="small"
        loading={page.isFetching}
        pagination={false}
        dataSource={page.data?.items ?? []}
        locale={{ emptyText: <Typography.Text type="secondary">Không có hồ sơ nào trong hàng đợi này.</Typography.Text> }}
        scroll={{ x: 1000 }}
        onRow={(row) => ({ onClick: () => open(row.code) })}
        columns={[
          {
            title: 'Mã hồ sơ',
            dataIndex: 'code',
            render: (code: string) => (
              <a href={`/ho-so/${encodeURIComponent(code)}`} onClick={(event) => (event.preventDefault(), event.stopPropagation(), open(code))}>
                {code}
              </a>
            ),
          },
          { title: 'Thủ tục', render: (_, row) => row.procedure.name },
          { title: 'Người nộp', dataIndex: 'applicantName' },
          { title: 'Bước', render: (_, row) => row.currentStep?.name ?? '—' },
          { title: 'Trạng thái', render: (_, row) => <Tag color={row.overdue ? 'red' : 'blue'}>{row.overdue ? 'Quá hạn' : row.stateLabel}</Tag> },
          { title: 'Hạn bước', render: (_, row) => formatDateTime(row.stepDueAt) },
          { title: 'Hạn trả', dataIndex: 'dueAtDisplay' },
        ]}
      />
      <Space>
        <Button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Trang trước
        </Button>
        <Typography.Text>Trang {cursors.length}</Typography.Text>
        <Button disabled={!page.data?.nextCursor} onClick={() => setCursors([...cursors, page.data?.nextCursor ?? undefined])}>
          Trang sau
        </Button>
      </Space>
    </Space>
  );
}
