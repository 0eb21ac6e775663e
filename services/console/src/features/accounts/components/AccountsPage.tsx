import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Form, Input, Popconfirm, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusTag } from '../../../components/StatusTag';
import { createAccount, disableAccount, enableAccount, grantRole, listAccounts, revokeRole, ROLE_OPTIONS, type AccountView, type NewAccount, type RoleName } from '../api/accounts-api';

const roleLabel = (role: string) => ROLE_OPTIONS.find((option) => option.value === role)?.label.replace(/ \(.*\)$/, '') ?? role;

/** The accounts of a unit and its subunits: create one in a commune, grant and revoke roles, lock and unlock. */
export function AccountsPage({ defaultUnit }: { defaultUnit: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [unit, setUnit] = useState(defaultUnit);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const accounts = useQuery({ queryKey: ['accounts', unit, cursor], queryFn: () => listAccounts(unit, cursor) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['accounts'] });
  const changed = (text: string) => async () => {
    message.success(text);
    await refresh();
  };

  const [createForm] = Form.useForm<NewAccount & { role: RoleName }>();
  const create = useMutation({
    mutationFn: ({ role, ...input }: NewAccount & { role?: RoleName }) => createAccount({ ...input, roles: role ? [{ role, unitCode: input.unitCode }] : [] }),
    onSuccess: async (account) => {
      createForm.resetFields();
      await changed(`Đã tạo tài khoản ${account.username} (${account.fullName}) tại đơn vị ${account.unitCode}.`)();
    },
  });
  const grant = useMutation({ mutationFn: (input: { accountId: string; role: RoleName; unitCode: string }) => grantRole(input.accountId, input.role, input.unitCode), onSuccess: changed('Đã giao vai trò.') });
  const revoke = useMutation({ mutationFn: (input: { accountId: string; grantId: string }) => revokeRole(input.accountId, input.grantId), onSuccess: changed('Đã thu hồi vai trò.') });
  const lock = useMutation({ mutationFn: (accountId: string) => disableAccount(accountId, 'Quản trị viên khóa tài khoản trên bàn làm việc.'), onSuccess: changed('Đã khóa tài khoản.') });
  const unlock = useMutation({ mutationFn: enableAccount, onSuccess: changed('Đã mở khóa tài khoản.') });
  const failure = grant.error ?? revoke.error ?? lock.error ?? unlock.error;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>Tài khoản và phân quyền</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card
            size="small"
            title="Tài khoản của đơn vị (gồm các đơn vị trực thuộc)"
            extra={
              <Input.Search
                aria-label="Mã đơn vị"
                placeholder="Mã đơn vị, ví dụ 05983"
                defaultValue={defaultUnit}
                enterButton="Xem"
                style={{ width: 260 }}
                onSearch={(value) => {
                  setUnit(value.trim().toUpperCase() || defaultUnit);
                  setCursors([undefined]);
                }}
              />
            }
          >
            {accounts.error && <ErrorAlert error={accounts.error} />}
            {failure && <ErrorAlert error={failure} />}
            <Table<AccountView>
              rowKey="id"
              size="small"
              loading={accounts.isFetching}
              pagination={false}
              dataSource={accounts.data?.items ?? []}
              columns={[
                { title: 'Tên đăng nhập', dataIndex: 'username' },
                { title: 'Họ và tên', dataIndex: 'fullName' },
                { title: 'Đơn vị', dataIndex: 'unitCode' },
                {
                  title: 'Vai trò',
                  render: (_, account) => (
                    <Space wrap size={4}>
                      {account.roles.map((grant) => (
                        <Tag key={grant.grantId}>
                          {roleLabel(grant.role)} · {grant.unitCode}{' '}
                          <Popconfirm title={`Thu hồi vai trò ${roleLabel(grant.role)} của ${account.username}?`} okText="Thu hồi" cancelText="Không" onConfirm={() => revoke.mutate({ accountId: account.id, grantId: grant.grantId })}>
                            <Button
                              type="link"
                              size="small"
                              danger
                              loading={revoke.isPending && revoke.variables?.grantId === grant.grantId}
                              aria-label={`Thu hồi vai trò ${roleLabel(grant.role)} tại ${grant.unitCode} của ${account.username}`} style={{ padding: 0, height: 'auto' }}>
                              ×
                            </Button>
                          </Popconfirm>
                        </Tag>
                      ))}
                      <GrantRole
                        account={account}
                        pending={grant.isPending && grant.variables?.accountId === account.id}
                        onGrant={(role, unitCode) => grant.mutate({ accountId: account.id, role, unitCode })}
                      />
                    </Space>
                  ),
                },
                {
                  title: 'Trạng thái',
                  render: (_, account) =>
                    account.disabled ? (
                      <Space>
                        <StatusTag tone="bad">Đã khóa</StatusTag>
                        <Button size="small" loading={unlock.isPending && unlock.variables === account.id} onClick={() => unlock.mutate(account.id)}>
                          Mở khóa
                        </Button>
                      </Space>
                    ) : (
                      <Popconfirm title={`Khóa tài khoản ${account.username}? Phiên đăng nhập hiện có ngừng hiệu lực.`} okText="Khóa" cancelText="Không" onConfirm={() => lock.mutate(account.id)}>
                        <Button size="small" loading={lock.isPending && lock.variables === account.id}>
                          Khóa
                        </Button>
                      </Popconfirm>
                    ),
                },
              ]}
            />
            <Space style={{ marginTop: 8 }}>
              <Button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
                Trang trước
              </Button>
              <Button disabled={!accounts.data?.next} onClick={() => setCursors([...cursors, accounts.data?.next])}>
                Trang sau
              </Button>
            </Space>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card size="small" title="Tạo tài khoản cán bộ">
            <Form name="account" form={createForm} layout="vertical" initialValues={{ employment: 'own', unitCode: defaultUnit }} onFinish={(input) => create.mutate(input)}>
              <Form.Item name="unitCode" label="Mã đơn vị công tác" rules={[{ required: true, message: 'Nhập mã đơn vị, ví dụ 05983.' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="username" label="Tên đăng nhập" extra="Chữ thường không dấu, số, dấu chấm, gạch; ví dụ tiepnhan.chilang" rules={[{ required: true, message: 'Nhập tên đăng nhập.' }]}>
                <Input autoComplete="off" />
              </Form.Item>
              <Form.Item name="fullName" label="Họ và tên" rules={[{ required: true, message: 'Nhập họ và tên.' }]}>
                <Input />
              </Form.Item>
              <Form.Item name="password" label="Mật khẩu ban đầu" extra="Tối thiểu 10 ký tự; báo riêng cho cán bộ." rules={[{ required: true, message: 'Nhập mật khẩu ban đầu.' }]}>
                <Input.Password autoComplete="new-password" />
              </Form.Item>
              <Form.Item name="employment" label="Hình thức">
                <Radio.Group options={[{ value: 'own', label: 'Biên chế của đơn vị' }, { value: 'seconded', label: 'Biệt phái' }]} />
              </Form.Item>
              <Form.Item name="role" label="Vai trò tại đơn vị">
                <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={ROLE_OPTIONS.map(({ value, label }) => ({ value, label }))} />
              </Form.Item>
              <Button id="account-create" type="primary" htmlType="submit" loading={create.isPending}>
                Tạo tài khoản
              </Button>
            </Form>
            {create.error && <div style={{ marginTop: 12 }}><ErrorAlert error={create.error} /></div>}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}

function GrantRole({ account, pending, onGrant }: { account: AccountView; pending: boolean; onGrant: (role: RoleName, unitCode: string) => void }) {
  const [role, setRole] = useState<RoleName | undefined>(undefined);
  return (
    <Space.Compact size="small">
      <Select<RoleName>
        aria-label={`Vai trò giao thêm cho ${account.username}`}
        placeholder="Giao vai trò…"
        size="small"
        style={{ width: 170 }}
        value={role}
        onChange={setRole}
        options={ROLE_OPTIONS.map(({ value, label }) => ({ value, label }))}
      />
      <Button size="small" loading={pending} disabled={!role || !account.unitCode} onClick={() => role && account.unitCode && (onGrant(role, account.unitCode), setRole(undefined))}>
        Giao
      </Button>
    </Space.Compact>
  );
}
