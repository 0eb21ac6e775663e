import { useQuery } from '@tanstack/react-query';
import { Card, Table } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ACTION_LABELS, dossierHistory } from '../api/dossier-api';
import { VerdictTag } from './VerdictTag';

/** A postal step says what the post did and on which waybill; every other entry is named by its action. */
function actionLabel(action: string, details: unknown): string {
  const postal = details as { leg?: string; label?: string; waybill?: string };
  if (action === 'postal' && postal.label) {
    const leg = postal.leg === 'return' ? 'Bưu chính trả kết quả' : 'Bưu chính nhận hồ sơ';
    return `${leg}: ${postal.label}${postal.waybill ? ` (mã bưu gửi ${postal.waybill})` : ''}`;
  }
  return ACTION_LABELS[action] ?? action;
}

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
        // No sideways scroll: on a tablet held upright the columns wrap, and a scrolling box without a link in it
        // is one the keyboard cannot reach (axe: scrollable-region-focusable).
        columns={[
          { title: 'Thời điểm', dataIndex: 'atDisplay', width: 150 },
          { title: 'Thao tác', render: (_, row) => actionLabel(row.action, row.details) },
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
