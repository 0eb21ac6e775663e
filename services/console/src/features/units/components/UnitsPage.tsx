import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Input, Row, Select, Space, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { formatDate } from '@mc/web-api';
import { createUnit, getUnit, renameUnit, UNIT_KIND_LABELS, type UnitKind, type UnitView } from '../api/units-api';

interface UnitNode extends DataNode {
  key: string;
  unit: UnitView;
}

const toNode = (unit: UnitView): UnitNode => ({ key: unit.code, title: `${unit.name} (${unit.code})`, unit });

/** The unit tree of any depth, opened a level at a time; the selected unit can be renamed or given a subunit. */
export function UnitsPage({ rootCodes }: { rootCodes: string[] }) {
  const queryClient = useQueryClient();
  const [children, setChildren] = useState<Record<string, UnitView[]>>({});
  const [selected, setSelected] = useState<string>(rootCodes[0]);
  const roots = useQuery({ queryKey: ['units-roots', rootCodes], queryFn: () => Promise.all(rootCodes.map(getUnit)) });

  const loadChildren = async (code: string) => {
    const unit = await queryClient.fetchQuery({ queryKey: ['unit', code], queryFn: () => getUnit(code) });
    setChildren((known) => ({ ...known, [code]: unit.children }));
  };

  const treeData = useMemo(() => {
    const build = (unit: UnitView): UnitNode => {
      const below = children[unit.code];
      return { ...toNode(unit), children: below?.map(build), isLeaf: below ? below.length === 0 : undefined };
    };
    return (roots.data ?? []).map(build);
  }, [roots.data, children]);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>Đơn vị</Typography.Title>
      {roots.error && <ErrorAlert error={roots.error} />}
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title="Cây đơn vị">
            <Tree<UnitNode>
              aria-label="Cây đơn vị"
              treeData={treeData}
              selectedKeys={[selected]}
              loadData={(node) => loadChildren(node.key)}
              onSelect={(keys) => keys[0] && setSelected(String(keys[0]))}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          {/* Side by side, the selected unit stays in view while the admin scrolls a province's long list of communes. */}
          <div style={{ position: 'sticky', top: 16 }}>
            {selected && (
              <UnitDetail
                key={selected}
                code={selected}
                onChanged={async (parentCode) => {
                  await queryClient.invalidateQueries({ queryKey: ['units-roots'] });
                  if (!parentCode) return;
                  // The parent's cached answer still lists the old children (or the old name) for a while: ask again.
                  await queryClient.invalidateQueries({ queryKey: ['unit', parentCode] });
                  await loadChildren(parentCode);
                }}
              />
            )}
          </div>
        </Col>
      </Row>
    </Space>
  );
}

function UnitDetail({ code, onChanged }: { code: string; onChanged: (parentCode: string | null) => Promise<void> }) {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const unit = useQuery({ queryKey: ['unit', code], queryFn: () => getUnit(code) });
  const rename = useMutation({
    mutationFn: (name: string) => renameUnit(code, name),
    onSuccess: async (renamed) => {
      message.success(`Đã đổi tên thành “${renamed.name}”.`);
      await queryClient.invalidateQueries({ queryKey: ['unit', code] });
      await onChanged(renamed.parentCode);
    },
  });
  const create = useMutation({
    mutationFn: (input: { code: string; name: string; kind: UnitKind }) => createUnit({ ...input, parentCode: code }),
    onSuccess: async (created) => {
      message.success(`Đã thêm đơn vị ${created.name} (${created.code}).`);
      await queryClient.invalidateQueries({ queryKey: ['unit', code] });
      await onChanged(code);
    },
  });
  const [createForm] = Form.useForm();
  if (unit.error) return <ErrorAlert error={unit.error} />;
  if (!unit.data) return null;
  const view = unit.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Card size="small" title={view.name}>
        <Descriptions size="small" column={1}>
          <Descriptions.Item label="Mã đơn vị">{view.code}</Descriptions.Item>
          <Descriptions.Item label="Loại">{UNIT_KIND_LABELS[view.kind]}</Descriptions.Item>
          <Descriptions.Item label="Hiệu lực">
            {view.validFrom ? `từ ${formatDate(view.validFrom)}` : 'từ trước'} {view.validTo ? `đến ${formatDate(view.validTo)}` : ''}
          </Descriptions.Item>
          <Descriptions.Item label="Số đơn vị trực thuộc">{view.children.length}</Descriptions.Item>
          {view.previousNames.length > 0 && (
            <Descriptions.Item label="Tên trước đây">{view.previousNames.map((name) => `${name.name} (đến ${formatDate(name.validTo)})`).join('; ')}</Descriptions.Item>
          )}
        </Descriptions>
        <Form name="unit-rename" layout="inline" onFinish={({ name }: { name: string }) => rename.mutate(name)} initialValues={{ name: view.name }} style={{ marginTop: 12 }}>
          <Form.Item name="name" label="Tên mới" rules={[{ required: true, message: 'Nhập tên đơn vị.' }]}>
            <Input style={{ width: 260 }} />
          </Form.Item>
          <Button htmlType="submit" loading={rename.isPending}>
            Đổi tên
          </Button>
        </Form>
        {rename.error && <ErrorAlert error={rename.error} />}
      </Card>
      <Card size="small" title={`Thêm đơn vị trực thuộc ${view.name}`}>
        <Form
          name="unit"
          form={createForm}
          layout="vertical"
          onFinish={(input: { code: string; name: string; kind: UnitKind }) => create.mutate(input, { onSuccess: () => createForm.resetFields() })}
        >
          <Form.Item name="code" label="Mã đơn vị" extra="Chữ in hoa, chữ số và dấu chấm, ví dụ 05983.TTPVHCC; mã không bao giờ được dùng lại." rules={[{ required: true, message: 'Nhập mã đơn vị.' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="name" label="Tên đơn vị" rules={[{ required: true, message: 'Nhập tên đơn vị.' }]}>
            <Input />
          </Form.Item>
          <Form.Item name="kind" label="Loại đơn vị" rules={[{ required: true, message: 'Chọn loại đơn vị.' }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={Object.entries(UNIT_KIND_LABELS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending}>
            Thêm đơn vị
          </Button>
        </Form>
        {create.error && <ErrorAlert error={create.error} />}
      </Card>
    </Space>
  );
}
