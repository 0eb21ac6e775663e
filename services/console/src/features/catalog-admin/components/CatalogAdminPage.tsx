import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusTag } from '../../../components/StatusTag';
import { ApiError } from '../../../lib/api';
import { formatDate, formatDateTime } from '@mc/web-api';
import {
  createProcedure,
  createVersion,
  getAdoption,
  listFields,
  listVersions,
  ONLINE_LABELS,
  publishVersion,
  putAdoption,
  searchProcedures,
  VERSION_STATUS_LABELS,
  withdrawVersion,
  type NewProcedure,
} from '../api/catalog-admin-api';

/** The province's catalogue: find a procedure, follow its versions (publish, withdraw, a new draft), add one, and set a unit's adoption. */
export function CatalogAdminPage({ isProvinceAdmin, defaultUnit }: { isProvinceAdmin: boolean; defaultUnit: string }) {
  const [query, setQuery] = useState('');
  const [offset, setOffset] = useState(0);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const found = useQuery({ queryKey: ['catalog-admin-search', query, offset], queryFn: () => searchProcedures(query, offset) });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>Danh mục thủ tục hành chính</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card
            size="small"
            title="Thủ tục đang có hiệu lực"
            extra={
              isProvinceAdmin && (
                <Button type="primary" onClick={() => setCreating(true)}>
                  Thêm thủ tục
                </Button>
              )
            }
          >
            <Space style={{ marginBottom: 8 }} wrap>
              <Input.Search
                aria-label="Tìm thủ tục"
                placeholder="Tên hoặc mã, gõ không dấu cũng được"
                enterButton="Tìm"
                style={{ width: 320 }}
                onSearch={(value) => {
                  setQuery(value.trim());
                  setOffset(0);
                }}
              />
              <Input.Search aria-label="Mở thủ tục theo mã (kể cả bản nháp)" placeholder="Mở theo mã, ví dụ 1.001193" enterButton="Mở" style={{ width: 260 }} onSearch={(value) => value.trim() && setSelected(value.trim())} />
            </Space>
            {found.error && <ErrorAlert error={found.error} />}
            <Table
              rowKey="code"
              size="small"
              loading={found.isFetching}
              dataSource={found.data?.items ?? []}
              pagination={{ current: offset / 20 + 1, pageSize: 20, total: found.data?.total ?? 0, showSizeChanger: false, onChange: (page) => setOffset((page - 1) * 20) }}
              rowClassName={(row) => (row.code === selected ? 'ant-table-row-selected' : '')}
              columns={[
                {
                  title: 'Mã',
                  dataIndex: 'code',
                  render: (code: string) => (
                    <Button type="link" style={{ padding: 0 }} onClick={() => setSelected(code)}>
                      {code}
                    </Button>
                  ),
                },
                { title: 'Tên thủ tục', dataIndex: 'name' },
                { title: 'Lĩnh vực', dataIndex: 'fieldName' },
                { title: 'Phiên bản', dataIndex: 'version' },
                { title: 'Hiệu lực từ', render: (_, row) => formatDate(row.effectiveFrom) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          {selected ? <ProcedureVersions key={selected} code={selected} isProvinceAdmin={isProvinceAdmin} defaultUnit={defaultUnit} /> : <Card size="small">Chọn một thủ tục để xem các phiên bản và cách đơn vị áp dụng.</Card>}
        </Col>
      </Row>
      {creating && (
        <CreateProcedure
          onClose={(code) => {
            setCreating(false);
            if (code) setSelected(code);
          }}
        />
      )}
    </Space>
  );
}

function ProcedureVersions({ code, isProvinceAdmin, defaultUnit }: { code: string; isProvinceAdmin: boolean; defaultUnit: string }) {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const versions = useQuery({ queryKey: ['catalog-admin-versions', code], queryFn: () => listVersions(code) });
  const done = (text: string) => async () => {
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: ['catalog-admin-versions', code] });
    await queryClient.invalidateQueries({ queryKey: ['catalog-admin-search'] });
  };
  const publish = useMutation({ mutationFn: (version: number) => publishVersion(code, version), onSuccess: done('Đã công bố phiên bản.') });
  const withdraw = useMutation({ mutationFn: ({ version, reason }: { version: number; reason: string }) => withdrawVersion(code, version, reason), onSuccess: done('Đã thu hồi phiên bản.') });
  const draft = useMutation({ mutationFn: (effectiveFrom: string) => createVersion(code, effectiveFrom), onSuccess: done('Đã tạo bản nháp phiên bản mới.') });
  const [draftFrom, setDraftFrom] = useState<Dayjs | null>(null);
  const failure = versions.error ?? publish.error ?? withdraw.error ?? draft.error;

  const askReason = (version: number) => {
    let reason = '';
    modal.confirm({
      title: `Thu hồi phiên bản ${version} của thủ tục ${code}`,
      content: <Input.TextArea aria-label="Lý do thu hồi" placeholder="Lý do thu hồi (tối thiểu 5 ký tự)" onChange={(event) => (reason = event.target.value)} />,
      okText: 'Thu hồi',
      cancelText: 'Không',
      // The dialog waits for the answer; a refusal closes it and shows the API's message above the versions.
      onOk: () => withdraw.mutateAsync({ version, reason }).catch(() => undefined),
    });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={`Các phiên bản của thủ tục ${code}`}>
        {failure && <ErrorAlert error={failure} />}
        <Table
          rowKey="version"
          size="small"
          pagination={false}
          loading={versions.isFetching}
          dataSource={versions.data ?? []}
          columns={[
            { title: 'Phiên bản', dataIndex: 'version' },
            { title: 'Tên', dataIndex: 'name' },
            { title: 'Trạng thái', dataIndex: 'status', render: (status: string) => <StatusTag tone={VERSION_STATUS_LABELS[status]?.tone ?? 'neutral'}>{VERSION_STATUS_LABELS[status]?.label ?? status}</StatusTag> },
            { title: 'Hiệu lực từ', render: (_, row) => formatDate(row.effectiveFrom) },
            { title: 'Công bố', render: (_, row) => formatDateTime(row.publishedAt) },
            {
              title: 'Thao tác',
              render: (_, row) =>
                isProvinceAdmin &&
                (row.status === 'draft' ? (
                  <Button size="small" type="primary" loading={publish.isPending} onClick={() => publish.mutate(row.version)}>
                    Công bố
                  </Button>
                ) : row.status === 'published' ? (
                  <Button size="small" danger onClick={() => askReason(row.version)}>
                    Thu hồi
                  </Button>
                ) : null),
            },
          ]}
        />
        {isProvinceAdmin && (
          <Space style={{ marginTop: 8 }}>
            <DatePicker aria-label="Ngày có hiệu lực của phiên bản mới" format="DD/MM/YYYY" placeholder="Hiệu lực từ ngày" value={draftFrom} onChange={setDraftFrom} />
            <Button disabled={!draftFrom} loading={draft.isPending} onClick={() => draftFrom && draft.mutate(draftFrom.format('YYYY-MM-DD'))}>
              Tạo bản nháp phiên bản mới
            </Button>
          </Space>
        )}
      </Card>
      <Adoption code={code} defaultUnit={defaultUnit} />
    </Space>
  );
}

function Adoption({ code, defaultUnit }: { code: string; defaultUnit: string }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [unit, setUnit] = useState(defaultUnit);
  const adoption = useQuery({
    queryKey: ['catalog-admin-adoption', unit, code],
    // A unit that has not adopted the procedure yet follows the province's version as it is.
    queryFn: () => getAdoption(unit, code).catch((error: unknown) => (error instanceof ApiError && error.status === 404 ? null : Promise.reject(error))),
  });
  const save = useMutation({
    mutationFn: (input: { active: boolean; online?: 'full' | 'partial' | 'none'; postalPickup: boolean; postalReturn: boolean }) =>
      putAdoption(unit, code, {
        active: input.active,
        handlers: adoption.data?.handlers ?? [],
        channels: { online: input.online, postalPickup: input.postalPickup, postalReturn: input.postalReturn },
      }),
    onSuccess: async () => {
      message.success(`Đã lưu cách đơn vị ${unit} áp dụng thủ tục ${code}.`);
      await queryClient.invalidateQueries({ queryKey: ['catalog-admin-adoption', unit, code] });
    },
  });
  const current = adoption.data;
  return (
    <Card
      size="small"
      title="Đơn vị áp dụng thủ tục"
      extra={<Input.Search aria-label="Mã đơn vị áp dụng" defaultValue={defaultUnit} enterButton="Xem" style={{ width: 220 }} onSearch={(value) => value.trim() && setUnit(value.trim().toUpperCase())} />}
    >
      {adoption.error && <ErrorAlert error={adoption.error} />}
      {save.error && <ErrorAlert error={save.error} />}
      {!adoption.isFetching && (
        <Form
          name="adoption"
          key={`${unit}-${current?.updatedAt ?? 'none'}`}
          layout="vertical"
          initialValues={{ active: current?.active ?? true, online: current?.channels.online, postalPickup: current?.channels.postalPickup ?? true, postalReturn: current?.channels.postalReturn ?? true }}
          onFinish={(input) => save.mutate(input)}
        >
          <Typography.Paragraph>
            {current ? `Đơn vị ${unit} đã áp dụng; cập nhật lần cuối ${formatDateTime(current.updatedAt)} bởi ${current.updatedBy}; ${current.handlers.length} bước đã phân công người xử lý.` : `Đơn vị ${unit} chưa có quyết định áp dụng riêng.`}
          </Typography.Paragraph>
          <Form.Item name="active" valuePropName="checked">
            <Checkbox>Đơn vị đang áp dụng thủ tục này</Checkbox>
          </Form.Item>
          <Form.Item name="online" label="Mức dịch vụ công trực tuyến của đơn vị (không quá mức của tỉnh)">
            <Select allowClear placeholder="Theo tỉnh" options={Object.entries(ONLINE_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="postalPickup" valuePropName="checked">
            <Checkbox>Tiếp nhận qua bưu chính</Checkbox>
          </Form.Item>
          <Form.Item name="postalReturn" valuePropName="checked">
            <Checkbox>Trả kết quả qua bưu chính</Checkbox>
          </Form.Item>
          <Button htmlType="submit" loading={save.isPending}>
            Lưu cách áp dụng
          </Button>
        </Form>
      )}
    </Card>
  );
}

interface ProcedureForm {
  code: string;
  name: string;
  field: NewProcedure['field'];
  level: NewProcedure['level'];
  agencyName: string;
  days: number;
  components: string;
  resultName: string;
  legalBasis: string;
  fee: number;
  effectiveFrom: Dayjs;
}

/**
 * A new procedure as a draft (version 1) with the usual five-step workflow of
 * a commune one-stop desk; the draft's details are reviewed before it is
 * published.
 */
function CreateProcedure({ onClose }: { onClose: (code?: string) => void }) {
  const fields = useQuery({ queryKey: ['catalog-fields'], queryFn: listFields, staleTime: Infinity });
  const [form] = Form.useForm<ProcedureForm>();
  const create = useMutation({
    mutationFn: (input: ProcedureForm) =>
      createProcedure({
        code: input.code.trim(),
        name: input.name,
        field: input.field,
        level: input.level,
        agency: { kind: input.level === 'vertical' ? 'vertical_agency' : input.level === 'province' ? 'specialised_agency' : 'people_committee', name: input.agencyName },
        processingTime: { value: input.days, unit: 'working_days', sameDayCutoff: false },
        fees: input.fee > 0 ? [{ kind: 'fixed', name: 'Lệ phí', amount: input.fee, currency: 'VND' }] : [{ kind: 'free', name: 'Lệ phí', description: 'Không thu lệ phí', currency: 'VND' }],
        components: input.components
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean)
          .map((name) => ({ name, copyType: 'original', quantity: 1, reusable: false })),
        result: { type: 'other', name: input.resultName },
        channels: { counter: true, online: 'partial', postalPickup: true, postalReturn: true },
        legalBasis: input.legalBasis
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        workflow: [
          { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận hồ sơ', role: 'clerk', sharePercent: 10 },
          { key: 'chuyen-phong', kind: 'transfer', name: 'Văn phòng chuyển hồ sơ', role: 'clerical', sharePercent: 10 },
          { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 50 },
          { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
          { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
        ],
        effectiveFrom: input.effectiveFrom.format('YYYY-MM-DD'),
      }),
    onSuccess: (created) => onClose(created.code),
  });
  return (
    <Modal open title="Thêm thủ tục (bản nháp phiên bản 1)" okText="Tạo bản nháp" cancelText="Đóng" width={720} confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={() => onClose()}>
      {create.error && <ErrorAlert error={create.error} />}
      <Form name="procedure" form={form} layout="vertical" initialValues={{ level: 'commune', days: 3, fee: 0 }} onFinish={(input) => create.mutate(input)}>
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="code" label="Mã thủ tục" extra="Theo Cơ sở dữ liệu quốc gia, ví dụ 1.001193" rules={[{ required: true, message: 'Nhập mã thủ tục.' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="name" label="Tên thủ tục" rules={[{ required: true, message: 'Nhập tên thủ tục.' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="field" label="Lĩnh vực" rules={[{ required: true, message: 'Chọn lĩnh vực.' }]}>
              <Select options={(fields.data ?? []).map((field) => ({ value: field.code, label: field.name }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="level" label="Cấp thực hiện">
              <Select options={[{ value: 'commune', label: 'Cấp xã' }, { value: 'province', label: 'Cấp tỉnh' }, { value: 'vertical', label: 'Ngành dọc' }]} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="days" label="Thời hạn (ngày làm việc)" rules={[{ required: true, message: 'Nhập thời hạn.' }]}>
              <InputNumber min={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="agencyName" label="Cơ quan thực hiện" rules={[{ required: true, message: 'Nhập cơ quan thực hiện.' }]}>
              <Input placeholder="Ủy ban nhân dân cấp xã" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="fee" label="Lệ phí (đồng; 0 là miễn)">
              <InputNumber min={0} step={1000} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="components" label="Thành phần hồ sơ (mỗi dòng một giấy tờ, bản chính)" rules={[{ required: true, message: 'Nhập ít nhất một thành phần hồ sơ.' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="legalBasis" label="Căn cứ pháp lý (mỗi dòng một văn bản)" rules={[{ required: true, message: 'Nhập ít nhất một căn cứ pháp lý.' }]}>
              <Input.TextArea rows={3} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item name="resultName" label="Kết quả thực hiện" rules={[{ required: true, message: 'Nhập tên kết quả.' }]}>
              <Input />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="effectiveFrom" label="Hiệu lực từ ngày" rules={[{ required: true, message: 'Chọn ngày có hiệu lực.' }]}>
              <DatePicker format="DD/MM/YYYY" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
