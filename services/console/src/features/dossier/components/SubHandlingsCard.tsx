import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Input, Space, Table } from 'antd';
import { useRef, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '@mc/web-api';
import { actOnSubHandling, type DossierView, type SubHandlingAction } from '../api/dossier-api';
import { VerdictTag } from './VerdictTag';

const DIRECTIONS = { horizontal: 'Ngang cấp', vertical: 'Khác cấp' } as const;
const PART_ACTIONS: { action: SubHandlingAction; label: string; from: string[] }[] = [
  { action: 'start', label: 'Bắt đầu xử lý', from: ['assigned'] },
  { action: 'complete', label: 'Hoàn thành phần việc', from: ['assigned', 'in_progress'] },
  { action: 'refuse', label: 'Từ chối', from: ['assigned', 'in_progress'] },
];

/**
 * The liên thông parts: every agency's share, its due instant and verdict. The
 * buttons show for parts that are under way; the dossier service answers 403
 * to staff who are not the agency's, in Vietnamese, and the card shows it.
 */
export function SubHandlingsCard({ view }: { view: DossierView }) {
  const parts = view.subHandlings ?? [];
  const client = useQueryClient();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const key = useRef(crypto.randomUUID());
  const act = useMutation({
    mutationFn: ({ unitCode, action }: { unitCode: string; action: SubHandlingAction }) =>
      actOnSubHandling(view.code, unitCode, action, action === 'refuse' ? reason.trim() : undefined, key.current),
    onSuccess: (updated) => {
      key.current = crypto.randomUUID();
      setReason('');
      // The answer carries no reader's actions: read the dossier again for them.
      void client.invalidateQueries({ queryKey: ['dossier', view.code] });
      void client.invalidateQueries({ queryKey: ['dossier-history', view.code] });
      void message.success(`Đã cập nhật phần liên thông của hồ sơ ${updated.code}.`);
    },
  });
  if (parts.length === 0) return null;
  const open = parts.some((part) => part.state === 'assigned' || part.state === 'in_progress');
  return (
    <Card title="Liên thông" size="small">
      {act.error && <ErrorAlert error={act.error} />}
      {open && (
        <Input
          aria-label="Lý do từ chối phần liên thông"
          placeholder="Lý do (khi từ chối)"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          style={{ width: 360, marginBottom: 8 }}
        />
      )}
      <Table
        rowKey="unitCode"
        size="small"
        pagination={false}
        dataSource={parts}
        columns={[
          { title: 'Cơ quan phối hợp', dataIndex: 'unitCode' },
          { title: 'Hình thức', render: (_, part) => DIRECTIONS[part.direction] },
          { title: 'Tại bước', dataIndex: 'step' },
          { title: 'Trạng thái', dataIndex: 'stateLabel' },
          { title: 'Hạn', render: (_, part) => formatDateTime(part.dueAt) },
          {
            title: 'Đánh giá',
            render: (_, part) => <VerdictTag verdict={part.verdict} />,
          },
          {
            title: 'Thao tác',
            render: (_, part) => (
              <Space wrap>
                {PART_ACTIONS.filter((candidate) => candidate.from.includes(part.state)).map(({ action, label }) => (
                  <Button
                    key={action}
                    size="small"
                    danger={action === 'refuse'}
                    disabled={(action === 'refuse' && !reason.trim()) || act.isPending}
                    loading={act.isPending && act.variables?.unitCode === part.unitCode && act.variables.action === action}
                    onClick={() => act.mutate({ unitCode: part.unitCode, action })}
                  >
                    {label}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
