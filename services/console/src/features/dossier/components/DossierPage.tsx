import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Input, Space, Steps, Table, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDateTime } from '@mc/web-api';
import { actOnDossier, dossier, dossierHistory, type ActionRequest } from '../api/dossier-api';

type Action = ActionRequest['action'];

const LABELS: Partial<Record<Action, string>> = {
  hand_over: 'Chuyển bước tiếp theo',
  send_back: 'Trả lại bước trước',
  request_supplement: 'Yêu cầu bổ sung',
  receive_supplement: 'Nhận hồ sơ bổ sung',
  approve: 'Phê duyệt',
  refuse: 'Từ chối giải quyết',
  issue_result: 'Có kết quả',
  return_result: 'Trả kết quả',
};
const NEEDS_REASON: Action[] = ['send_back', 'request_supplement', 'refuse'];

/**
 * The actions the dossier service's transition table allows from a state and
 * a step kind (services/dossier/src/handling/transitions.ts): the view does not
 * list them, so the page offers these and the API still decides (403/409 shown
 * as the API words them).
 */
function actionsAt(state: string, stepKind: string | undefined): Action[] {
  if (state === 'awaiting_supplement') return ['receive_supplement'];
  if (state === 'approved' && (stepKind === 'issue' || stepKind === 'return')) return ['issue_result'];
  if (state === 'result_ready' && stepKind === 'return') return ['return_result'];
  if (state !== 'in_progress' || !stepKind) return [];
  if (stepKind === 'approve') return ['approve', 'refuse', 'send_back'];
  const actions: Action[] = ['hand_over'];
  if (['transfer', 'appraise', 'verify', 'consult'].includes(stepKind)) actions.push('request_supplement', 'send_back');
  return actions;
}

const VERDICT_COLOURS: Record<string, string> = { early: 'green', on_time: 'blue', late: 'red' };

export function DossierPage({ code }: { code: string }) {
  const client = useQueryClient();
  const view = useQuery({ queryKey: ['dossier', code], queryFn: () => dossier(code) });
  const history = useQuery({ queryKey: ['dossier-history', code], queryFn: () => dossierHistory(code) });
  const [reason, setReason] = useState('');
  const key = useRef(crypto.randomUUID());
  const act = useMutation({
    mutationFn: (action: Action) =>
      actOnDossier(code, { action, ...(NEEDS_REASON.includes(action) ? { reason, ...(action === 'request_supplement' ? { missing: [reason] } : {}) } : {}) }, key.current),
    onSuccess: (updated) => {
      key.current = crypto.randomUUID();
      setReason('');
      client.setQueryData(['dossier', code], updated);
      void client.invalidateQueries({ queryKey: ['dossier-history', code] });
    },
  });

  if (view.error) return <ErrorAlert error={view.error} />;
  const data = view.data;
  if (!data) return <Typography.Text>Đang tải hồ sơ…</Typography.Text>;
  const actions = actionsAt(data.state, data.currentStep?.kind);
  const applicantName = data.applicant.kind === 'individual' ? data.applicant.fullName : data.applicant.name;

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>Hồ sơ {data.code}</Typography.Title>
      <Descriptions bordered size="small" column={2}>
        <Descriptions.Item label="Thủ tục">{data.procedure.name}</Descriptions.Item>
        <Descriptions.Item label="Người nộp">{applicantName}</Descriptions.Item>
        <Descriptions.Item label="Trạng thái">
          <Tag>{data.stateLabel}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label="Hạn trả kết quả">{data.dueAtDisplay}</Descriptions.Item>
        <Descriptions.Item label="Tiếp nhận lúc">{formatDateTime(data.receivedAt)}</Descriptions.Item>
        <Descriptions.Item label="Bước hiện tại">{data.currentStep?.name ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Steps
        size="small"
        current={data.currentStep ? data.workflow.findIndex((step) => step.key === data.currentStep?.key) : data.workflow.length}
        items={data.workflow.map((step) => ({ title: step.name }))}
      />
      <Card title="Xử lý" size="small">
        {act.error && <ErrorAlert error={act.error} />}
        {actions.length === 0 ? (
          <Typography.Text type="secondary">Hồ sơ không còn thao tác nào ở bước này.</Typography.Text>
        ) : (
          <Space wrap>
            {actions.some((action) => NEEDS_REASON.includes(action)) && (
              <Input aria-label="Lý do" placeholder="Lý do (trả lại, yêu cầu bổ sung, từ chối)" value={reason} onChange={(event) => setReason(event.target.value)} style={{ width: 320 }} />
            )}
            {actions.map((action) => (
              <Button
                key={action}
                type={NEEDS_REASON.includes(action) ? 'default' : 'primary'}
                danger={action === 'refuse'}
                disabled={NEEDS_REASON.includes(action) && !reason.trim()}
                loading={act.isPending && act.variables === action}
                onClick={() => act.mutate(action)}
              >
                {LABELS[action] ?? action}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      <Card title="Thành phần hồ sơ" size="small">
        <Table
          rowKey="name"
          size="small"
          pagination={false}
          dataSource={data.components}
          columns={[
            { title: 'Tên giấy tờ', dataIndex: 'name' },
            { title: 'Số bản', dataIndex: 'quantity' },
            { title: 'Số hóa', render: (_, row) => (row.digitised ? 'Có' : 'Không') },
          ]}
        />
      </Card>
      <Card title="Lịch sử xử lý" size="small">
        <Table
          rowKey="seq"
          size="small"
          pagination={false}
          loading={history.isFetching}
          dataSource={history.data ?? []}
          columns={[
            { title: 'Thời điểm', dataIndex: 'atDisplay' },
            { title: 'Thao tác', render: (_, row) => LABELS[row.action as Action] ?? row.action },
            { title: 'Người thực hiện', render: (_, row) => row.actor.username },
            {
              title: 'Đánh giá bước',
              render: (_, row) => {
                const verdict = (row.details as Record<string, unknown>).verdict as string | undefined;
                return verdict ? <Tag color={VERDICT_COLOURS[verdict]}>{{ early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn' }[verdict] ?? verdict}</Tag> : null;
              },
            },
            { title: 'Lý do', dataIndex: 'reason' },
          ]}
        />
      </Card>
    </Space>
  );
}
