import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Col, Descriptions, Row, Space, Table, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { StatusTag } from '../../../components/StatusTag';
import { formatDateTime } from '@mc/web-api';
import { platformHealth, reportFreshness, SERVICE_LABELS } from '../api/operations-api';

const lagText = (milliseconds: number) =>
  milliseconds < 60_000 ? `${Math.ceil(milliseconds / 1000)} giây` : `${Math.floor(milliseconds / 60_000)} phút ${Math.round((milliseconds % 60_000) / 1000)} giây`;

/** What the operator watches: which services answer, and how far the reports lag behind the dossiers. Refreshed every 15 seconds. */
export function OperationsPage() {
  const health = useQuery({ queryKey: ['platform-health'], queryFn: platformHealth, refetchInterval: 15_000 });
  const freshness = useQuery({ queryKey: ['report-freshness'], queryFn: reportFreshness, refetchInterval: 15_000 });
  const services = Object.entries(health.data?.services ?? {}).map(([service, state]) => ({ service, state }));
  const lagging = (freshness.data?.pendingEvents ?? 0) > 0;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>Vận hành hệ thống</Typography.Title>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card size="small" title="Các dịch vụ">
            {health.error && <ErrorAlert error={health.error} />}
            {health.data && (
              <Alert
                showIcon
                style={{ marginBottom: 12 }}
                type={health.data.status === 'ok' ? 'success' : 'error'}
                message={health.data.status === 'ok' ? 'Tất cả dịch vụ hoạt động.' : 'Có dịch vụ không phản hồi: hồ sơ vẫn được ghi ở các dịch vụ còn chạy; báo đội vận hành khởi động lại dịch vụ ngừng.'}
              />
            )}
            <Table
              rowKey="service"
              size="small"
              pagination={false}
              loading={health.isFetching && !health.data}
              dataSource={services}
              columns={[
                { title: 'Dịch vụ', dataIndex: 'service', render: (service: string) => SERVICE_LABELS[service] ?? service },
                { title: 'Trạng thái', dataIndex: 'state', render: (state: string) => (state === 'up' ? <StatusTag tone="good">Hoạt động</StatusTag> : <StatusTag tone="bad">Không phản hồi</StatusTag>) },
              ]}
            />
            {health.data && <Typography.Paragraph type="secondary">Kiểm tra lúc {formatDateTime(health.data.checkedAt)}</Typography.Paragraph>}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="Độ trễ của số liệu báo cáo">
            {freshness.error && <ErrorAlert error={freshness.error} />}
            {freshness.data && (
              <>
                <Alert
                  showIcon
                  style={{ marginBottom: 12 }}
                  type={lagging ? 'warning' : 'success'}
                  message={lagging ? `Báo cáo đang chậm ${lagText(freshness.data.lagMs)} so với hồ sơ.` : 'Báo cáo đã cập nhật mọi thay đổi của hồ sơ.'}
                />
                <Descriptions size="small" column={1}>
                  <Descriptions.Item label="Thay đổi chưa cập nhật vào báo cáo">{freshness.data.pendingEvents}</Descriptions.Item>
                  <Descriptions.Item label="Thay đổi mới nhất đã cập nhật">{formatDateTime(freshness.data.lastEventAt)}</Descriptions.Item>
                  <Descriptions.Item label="Độ trễ">{lagging ? lagText(freshness.data.lagMs) : 'không'}</Descriptions.Item>
                  <Descriptions.Item label="Đo lúc">{formatDateTime(freshness.data.asOf)}</Descriptions.Item>
                </Descriptions>
              </>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
