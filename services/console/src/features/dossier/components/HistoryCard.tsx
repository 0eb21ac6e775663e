import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ACTION_LABELS, dossierHistory } from '../api/dossier-api';
import { VerdictTag } from './VerdictTag';

export function HistoryCard({ code }: { code: string }) {
  const history = useQuery({ queryKey: ['dossier-history', code], queryFn: () => dossierHistory(code) });
  return (
    <Card title="Lịch sử xử lý và phiếu kiểm soát" size="small">
      {history.error && <ErrorAlert error={history.error} />}
      <Table
        rowKey="seq"
        size="small"
        pagination={false}
        loading={history.isFetching}
        dataSource={history.data ?? []}
        scroll={{ x: 900 }}
        columns={[
          { title: 'Thời điểm', dataIndex: 'atDisplay', width: 150 },
          { title: 'Thao tác', render: (_, row) => ACTION_LABELS[row.action] ?? row.action },
          {
            title: 'Chuyển bước',
            render: (_, row) => {
              const details = row.details as { fromStepName?: string | null; toStepName?: string | null };
              return details.toStepName ? `${details.fromStepName ?? '—'} → ${details.toStepName}` : '';
            },
          },
          { title: 'Người thực hiện', render: (_, row) => (row.actor.username === 'system' ? 'Hệ thống' : `${row.actor.username} (${row.actor.unit || 'công dân'})`) },
          {
            title: 'Đánh giá bước',
            render: (_, row) => <VerdictTag verdict={(row.details as { verdict?: unknown }).verdict} />,
          },
          { title: 'Lý do', dataIndex: 'reason' },
        ]}
      />
    </Card>
  );
}
