import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { ACTION_LABELS, actOnDossier, type Action, type ActionRequest, type DossierView } from '../api/dossier-api';

/** Actions the dossier service asks a reason for; each opens a dialog before anything is sent. */
const WITH_DIALOG: Action[] = ['send_back', 'request_supplement', 'refuse', 'withdraw', 'stop', 'apologise', 'extend'];
const DANGER: Action[] = ['refuse', 'withdraw', 'stop'];
/** The step's way forward is the primary button, whatever order the API lists the actions in. */
const FORWARD: Action[] = ['hand_over', 'approve', 'issue_result', 'return_result', 'receive_supplement'];

interface DialogFields {
  reason: string;
  missing?: string;
  /** yyyy-mm-ddThh:mm as the browser's date-time field gives it. */
  newDueAt?: string;
  extendValue?: number;
  extendUnit?: 'working_days' | 'days' | 'months';
}

/** The API's offer: only the actions the dossier service allows this reader at this step (DossierView.allowedActions). */
export function ActionPanel({ view }: { view: DossierView }) {
  const client = useQueryClient();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<Action | null>(null);
  const [form] = Form.useForm<DialogFields>();
  // One key per intended action: a retry after a lost answer is not taken twice.
  const key = useRef(crypto.randomUUID());
  const act = useMutation({
    mutationFn: (body: ActionRequest) => actOnDossier(view.code, body, key.current),
    onSuccess: (updated, body) => {
      key.current = crypto.randomUUID();
      setDialog(null);
      form.resetFields();
      client.setQueryData(['dossier', view.code], updated);
      void client.invalidateQueries({ queryKey: ['dossier-history', view.code] });
      void client.invalidateQueries({ queryKey: ['work-queue'] });
      void client.invalidateQueries({ queryKey: ['work-queue-counts'] });
      void message.success(`Đã thực hiện: ${ACTION_LABELS[body.action] ?? body.action}. Hồ sơ ${updated.code}: ${updated.stateLabel}.`);
    },
  });

  const actions = view.allowedActions ?? [];
  const run = (action: Action) => {
    act.reset();
    if (WITH_DIALOG.includes(action)) {
      setDialog(action);
      return;
    }
    act.mutate({ action, ...(action === 'return_result' ? { returnMethod: view.returnMethod } : {}) });
  };

  const submitDialog = async () => {
    if (!dialog) return;
    const fields = await form.validateFields();
    const body: ActionRequest = { action: dialog, reason: fields.reason.trim() };
    if (dialog === 'request_supplement') {
      body.missing = (fields.missing ?? '').split('\n').map((line) => line.trim()).filter(Boolean);
    }
    // The office's appointment is Vietnam time, whatever zone the PC is set to.
    if (dialog === 'apologise' && fields.newDueAt) body.newDueAt = `${fields.newDueAt}:00+07:00`;
    if (dialog === 'extend') body.extendBy = { value: fields.extendValue ?? 1, unit: fields.extendUnit ?? 'working_days' };
    act.mutate(body);
  };

  return (
    <>
      {act.error && !dialog && <ErrorAlert error={act.error} />}
      {actions.length === 0 ? (
        <Typography.Text type="secondary">Bạn không có thao tác nào với hồ sơ ở bước này.</Typography.Text>
      ) : (
        <Space wrap>
          {actions.map((action) => (
            <Button
              key={action}
              type={FORWARD.includes(action) ? 'primary' : 'default'}
              danger={DANGER.includes(action)}
              loading={act.isPending && act.variables?.action === action}
              disabled={act.isPending}
              onClick={() => run(action)}
            >
              {ACTION_LABELS[action] ?? action}
            </Button>
          ))}
        </Space>
      )}
      <Modal
        open={dialog !== null}
        title={dialog ? `${ACTION_LABELS[dialog]} — hồ sơ ${view.code}` : ''}
        okText="Xác nhận"
        cancelText="Hủy"
        okButtonProps={{ danger: dialog !== null && DANGER.includes(dialog), loading: act.isPending }}
        onOk={() => void submitDialog()}
        onCancel={() => setDialog(null)}
        destroyOnHidden
      >
        {act.error && <ErrorAlert error={act.error} />}
        <Form form={form} layout="vertical" initialValues={{ extendValue: 1, extendUnit: 'working_days' }}>
          {dialog === 'request_supplement' && (
            <Form.Item name="missing" label="Giấy tờ cần bổ sung (mỗi dòng một giấy tờ)" rules={[{ required: true, message: 'Nhập ít nhất một giấy tờ cần bổ sung.' }]}>
              <Input.TextArea id="missing" autoFocus rows={3} />
            </Form.Item>
          )}
          {dialog === 'apologise' && (
            <Form.Item name="newDueAt" label="Ngày giờ hẹn trả mới" rules={[{ required: true, message: 'Chọn ngày giờ hẹn trả kết quả mới.' }]}>
              {/* The browser's own field: typed by keyboard, shown dd/mm/yyyy in Vietnamese, and no date-picker code to load. */}
              <Input id="newDueAt" type="datetime-local" autoFocus style={{ width: 240 }} />
            </Form.Item>
          )}
          {dialog === 'extend' && (
            <Space>
              <Form.Item name="extendValue" label="Gia hạn thêm" rules={[{ required: true, message: 'Nhập thời gian gia hạn.' }]}>
                <InputNumber id="extendValue" autoFocus min={1} max={365} />
              </Form.Item>
              <Form.Item name="extendUnit" label="Đơn vị">
                <Select
                  id="extendUnit"
                  style={{ width: 160 }}
                  options={[
                    { value: 'working_days', label: 'ngày làm việc' },
                    { value: 'days', label: 'ngày' },
                    { value: 'months', label: 'tháng' },
                  ]}
                />
              </Form.Item>
            </Space>
          )}
          <Form.Item name="reason" label="Lý do" rules={[{ required: true, whitespace: true, message: 'Nhập lý do: người nộp và lãnh đạo sẽ đọc lý do này.' }]}>
            <Input.TextArea id="reason" rows={3} autoFocus={dialog === 'send_back' || dialog === 'refuse' || dialog === 'withdraw' || dialog === 'stop'} maxLength={1000} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
