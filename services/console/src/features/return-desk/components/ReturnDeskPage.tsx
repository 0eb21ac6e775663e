import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useRef } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { navigate } from '../../../lib/router';
import { actAtReturnDesk, returnDeskPage, type ReturnRow } from '../api/return-desk-api';

const METHODS = { counter: { label: 'Tại quầy', color: 'blue' }, post: { label: 'Qua bưu điện', color: 'purple' }, electronic: { label: 'Trực tuyến', color: 'geekblue' } } as const;

/**
 * Trả kết quả: results approved and waiting to be issued, and results ready to
 * hand over. A result going by post is handed to the post's worker, who
 * reports the collection (the dossier service records it); the counter's and
 * the electronic ones are returned here.
 */
export function ReturnDeskPage() {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>Trả kết quả</Typography.Title>
      <ReturnList state="result_ready" title="Có kết quả, chờ trả" />
      <ReturnList state="approved" title="Đã phê duyệt, chờ phát hành kết quả" />
    </Space>
  );
}

// A table's own empty text is antd's faint grey, below 4.5:1 on white.
const EmptyText = () => <Typography.Text type="secondary">Không có hồ sơ nào.</Typography.Text>;

function ReturnList({ state, title }: { state: 'approved' | 'result_ready'; title: string }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const keys = useRef(new Map<string, string>());
  const pages = useInfiniteQuery({
    queryKey: ['work-queue', 'return-desk', state],
    queryFn: ({ pageParam }) => returnDeskPage(state, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const act = useMutation({
    mutationFn: (row: ReturnRow) => {
      // The same key while this row's action is unanswered: pressing again never acts twice.
      const key = keys.current.get(row.id) ?? crypto.randomUUID();
      keys.current.set(row.id, key);
      return actAtReturnDesk(row, key);
    },
    onSuccess: (updated, row) => {
      keys.current.delete(row.id);
      void client.invalidateQueries({ queryKey: ['work-queue'] });
      void client.invalidateQueries({ queryKey: ['work-queue-counts'] });
      void message.success(`Hồ sơ ${updated.code}: ${updated.stateLabel}.`);
    },
  });
  const rows = pages.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Card title={title} size="small">
      {pages.error && <ErrorAlert error={pages.error} />}
      {act.error && <ErrorAlert error={act.error} />}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        loading={pages.isFetching}
        dataSource={rows}
        locale={{ emptyText: <EmptyText /> }}
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
          { title: 'Người nộp', dataIndex: 'applicantName' },
          { title: 'Thủ tục', render: (_, row) => row.procedure.name },
          { title: 'Hẹn trả', render: (_, row) => <span style={row.overdue ? { color: '#cf1322' } : undefined}>{row.dueAtDisplay}</span> },
          { title: 'Nhận kết quả', render: (_, row) => <Tag color={METHODS[row.returnMethod].color}>{METHODS[row.returnMethod].label}</Tag> },
          {
            title: 'Thao tác',
            render: (_, row) =>
              row.state === 'result_ready' && row.returnMethod === 'post' ? (
                <Typography.Text type="secondary">Giao cho nhân viên bưu điện khi đến nhận</Typography.Text>
              ) : (
                <Button
                  type="primary"
                  size="small"
                  aria-label={`${row.state === 'approved' ? 'Phát hành kết quả' : 'Trả kết quả'} hồ sơ ${row.code}`}
                  loading={act.isPending && act.variables?.id === row.id}
                  disabled={act.isPending}
                  onClick={() => act.mutate(row)}
                >
                  {row.state === 'approved' ? 'Phát hành kết quả' : 'Trả kết quả'}
                </Button>
              ),
          },
        ]}
      />
      {pages.hasNextPage && (
        <Button style={{ marginTop: 8 }} loading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          Xem thêm
        </Button>
      )}
    </Card>
  );
}
