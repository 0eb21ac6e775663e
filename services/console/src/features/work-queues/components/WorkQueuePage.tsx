import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '@mc/web-api';
import { navigate } from '../../../lib/router';
import { QUEUES, workQueueCounts, workQueuePage, type QueueKind } from '../api/work-queues-api';

/** The queues a specialist, a leader or a clerical officer works from, 50 rows a page, next page by cursor. */
export function WorkQueuePage() {
  const [queue, setQueue] = useState<QueueKind>('mine');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const counts = useQuery({ queryKey: ['work-queue-counts'], queryFn: workQueueCounts });
  const page = useQuery({ queryKey: ['work-queue', queue, cursor], queryFn: () => workQueuePage(queue, cursor) });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>Hồ sơ cần xử lý</Typography.Title>
      <Tabs
        activeKey={queue}
        onChange={(key) => {
          setQueue(key as QueueKind);
          setCursors([undefined]);
        }}
        items={QUEUES.map(({ key, label }) => ({
          key,
          label: (
            <span>
              {label} <Badge count={counts.data?.[key] ?? 0} showZero overflowCount={9999} color={key === 'overdue' ? 'red' : 'blue'} />
            </span>
          ),
        }))}
      />
      {page.error && <ErrorAlert error={page.error} />}
      <Table
        rowKey="id"
        size="small"
        loading={page.isFetching}
        pagination={false}
        dataSource={page.data?.items ?? []}
        onRow={(row) => ({ onClick: () => navigate(`/ho-so/${row.code}`) })}
        columns={[
          {
            title: 'Mã hồ sơ',
            dataIndex: 'code',
            render: (code: string) => (
              <a href={`/ho-so/${code}`} onClick={(event) => (event.preventDefault(), navigate(`/ho-so/${code}`))}>
                {code}
              </a>
            ),
          },
          { title: 'Thủ tục', render: (_, row) => row.procedure.name },
          { title: 'Người nộp', dataIndex: 'applicantName' },
          { title: 'Bước', render: (_, row) => row.currentStep?.name ?? '—' },
          { title: 'Trạng thái', render: (_, row) => <Tag color={row.overdue ? 'red' : 'blue'}>{row.overdue ? 'Quá hạn' : row.stateLabel}</Tag> },
          { title: 'Hạn trả', render: (_, row) => formatDateTime(row.dueAt) },
        ]}
      />
      <Space>
        <Button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          Trang trước
        </Button>
        <Button disabled={!page.data?.nextCursor} onClick={() => setCursors([...cursors, page.data?.nextCursor ?? undefined])}>
          Trang sau
        </Button>
      </Space>
    </Space>
  );
}
