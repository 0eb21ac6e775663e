import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { currentUser, grantsOf } from '../../../lib/auth';
import { formatMoney } from '@mc/web-api';
import { confirmHandover, handoverBoard, prepareHandover, type HandoverItem, type HandoverView } from '../api/postal-handover-api';

// The postal worker signs on the operator's own device; the clerk sees it appear without reloading.
const REFRESH_MS = 5_000;
// antd's preset green and gold tags fall short of AA contrast (4.5:1).
const TAG_STYLES: Record<HandoverView['status'], { color: string; background: string; borderColor: string }> = {
  signed: { color: '#135200', background: '#f6ffed', borderColor: '#b7eb8f' },
  awaiting_signatures: { color: '#613400', background: '#fffbe6', borderColor: '#ffe58f' },
};

function ItemTable({ caption, items, direction }: { caption: string; items: HandoverItem[]; direction: 'bring' | 'take' }) {
  return (
    <Table
      rowKey="orderId"
      size="small"
      pagination={false}
      title={() => <Typography.Text strong>{caption}</Typography.Text>}
      // antd's placeholder grey falls short of AA contrast; the text is what the clerk needs to read here.
      locale={{ emptyText: <Typography.Text>{direction === 'bring' ? 'Không có hồ sơ nào bưu chính mang đến.' : 'Không có kết quả nào chờ bưu chính nhận đi.'}</Typography.Text> }}
      dataSource={items}
      columns={[
        { title: 'Mã bưu gửi', dataIndex: 'waybill', render: (waybill: string | null) => waybill ?? '—' },
        { title: direction === 'bring' ? 'Thủ tục' : 'Mã hồ sơ', render: (_, item) => (direction === 'bring' ? item.procedureCode : (item.dossierCode ?? '—')) },
        { title: direction === 'bring' ? 'Người gửi' : 'Người nhận', dataIndex: 'contactName' },
        { title: 'Địa chỉ', dataIndex: 'address' },
        ...(direction === 'bring' ? [{ title: 'Phí, lệ phí thu hộ', render: (_: unknown, item: HandoverItem) => formatMoney(item.collectedFees) }] : []),
      ]}
    />
  );
}

function HandoverCard({ handover, unitCode }: { handover: HandoverView; unitCode: string }) {
  const client = useQueryClient();
  const confirm = useMutation({
    mutationFn: () => confirmHandover(handover.id),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['postal-handovers', unitCode] }),
  });
  const centre = handover.centreSignature;
  const post = handover.postSignature;
  return (
    <Card
      size="small"
      title={`Biên bản giao nhận lập lúc ${handover.preparedAtDisplay}, người lập ${handover.preparedBy}`}
      extra={<Tag style={TAG_STYLES[handover.status]}>{handover.statusLabel}</Tag>}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <ItemTable caption={`Bưu chính giao cho Bộ phận Một cửa: ${handover.bring.length} hồ sơ`} items={handover.bring} direction="bring" />
        <ItemTable caption={`Bưu chính nhận đi để trả công dân: ${handover.take.length} kết quả`} items={handover.take} direction="take" />
        <Descriptions bordered size="small" column={1}>
          <Descriptions.Item label="Tiền phí, lệ phí bưu chính nộp lại">{formatMoney(handover.collectedFees)}</Descriptions.Item>
          <Descriptions.Item label="Cán bộ Bộ phận Một cửa">
            {centre ? (
              `${centre.name} đã xác nhận lúc ${centre.atDisplay}`
            ) : (
              <Button id={`confirm-${handover.id}`} type="primary" loading={confirm.isPending} onClick={() => confirm.mutate()}>
                Cán bộ Một cửa xác nhận đã giao, nhận đủ
              </Button>
            )}
          </Descriptions.Item>
          <Descriptions.Item label="Nhân viên bưu chính">
            {post ? `${post.name} (mã ${post.staffCode}) đã xác nhận lúc ${post.atDisplay}` : 'Chờ nhân viên bưu chính xác nhận trên thiết bị của bưu chính.'}
          </Descriptions.Item>
        </Descriptions>
        {confirm.error && <ErrorAlert error={confirm.error} />}
      </Space>
    </Card>
  );
}

/**
 * The clerk's side of the hand-over with the postal worker at the centre: the
 * dossiers the worker brings and the results the worker takes, the list drawn
 * up from them, and each side's sign-off.
 */
export function PostalHandoverPage() {
  const client = useQueryClient();
  const units = useQuery({
    queryKey: ['clerk-units'],
    queryFn: async () => {
      const user = await currentUser();
      return user ? [...new Set(grantsOf(user).filter((grant) => grant.role === 'clerk').map((grant) => grant.unitCode))] : [];
    },
  });
  const [chosen, setChosen] = useState<string>();
  const unitCode = chosen ?? units.data?.[0];
  const board = useQuery({
    queryKey: ['postal-handovers', unitCode],
    queryFn: () => handoverBoard(unitCode as string),
    enabled: Boolean(unitCode),
    refetchInterval: REFRESH_MS,
  });
  const prepare = useMutation({
    mutationFn: () => prepareHandover(unitCode as string),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['postal-handovers', unitCode] }),
  });

  if (units.data && !unitCode) return <ErrorAlert error={new Error('Chỉ cán bộ tiếp nhận giao nhận hồ sơ, kết quả với bưu chính.')} />;
  const pending = board.data?.pending;
  const waiting = (pending?.bring.length ?? 0) + (pending?.take.length ?? 0);

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={2}>Giao nhận với bưu chính</Typography.Title>
      {(units.data?.length ?? 0) > 1 && (
        <Space>
          <label htmlFor="handover-unit">Đơn vị</label>
          <Select id="handover-unit" value={unitCode} onChange={setChosen} options={units.data?.map((code) => ({ value: code, label: code }))} style={{ width: 160 }} />
        </Space>
      )}
      {board.error && <ErrorAlert error={board.error} />}
      <Card size="small" title="Đang chờ giao nhận">
        <Space direction="vertical" style={{ width: '100%' }}>
          <ItemTable caption="Bưu chính mang đến: hồ sơ đã nhận của công dân" items={pending?.bring ?? []} direction="bring" />
          <ItemTable caption="Bưu chính nhận đi: kết quả trả qua bưu chính" items={pending?.take ?? []} direction="take" />
          {prepare.error && <ErrorAlert error={prepare.error} />}
          <Button id="prepare-handover" type="primary" disabled={!waiting} loading={prepare.isPending} onClick={() => prepare.mutate()}>
            Lập biên bản giao nhận ({waiting} mục)
          </Button>
        </Space>
      </Card>
      <Typography.Title level={3}>Biên bản giao nhận</Typography.Title>
      {board.data && board.data.handovers.length === 0 && <Empty description="Chưa có biên bản giao nhận nào." />}
      {board.data?.handovers.map((handover) => <HandoverCard key={handover.id} handover={handover} unitCode={unitCode as string} />)}
    </Space>
  );
}
