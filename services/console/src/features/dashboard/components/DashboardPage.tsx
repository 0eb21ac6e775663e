import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Typography } from 'antd';
import { ErrorAlert } from '../../../components/ErrorAlert';
import { api, unwrap } from '../../../lib/api';
import { formatDateTime } from '@mc/web-api';

const TILES = [
  { key: 'mine', label: 'Việc của tôi' },
  { key: 'unit', label: 'Đang xử lý tại đơn vị' },
  { key: 'due_soon', label: 'Sắp đến hạn (24 giờ)' },
  { key: 'overdue', label: 'Quá hạn' },
  { key: 'waiting_supplement', label: 'Chờ bổ sung' },
  { key: 'inter_agency', label: 'Liên thông' },
] as const;

/** The unit's counts at a glance, refreshed every minute. */
export function DashboardPage() {
  const counts = useQuery({ queryKey: ['work-queue-counts'], queryFn: () => unwrap(api.GET('/api/v1/work-queues/counts', {})), refetchInterval: 60_000 });
  return (
    <>
      <Typography.Title level={2}>Tổng quan</Typography.Title>
      {counts.error && <ErrorAlert error={counts.error} />}
      <Row gutter={[16, 16]}>
        {TILES.map(({ key, label }) => (
          <Col key={key} xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic title={label} value={counts.data?.[key] ?? '—'} valueStyle={key === 'overdue' ? { color: '#cf1322' } : undefined} />
            </Card>
          </Col>
        ))}
      </Row>
      {counts.data && <Typography.Paragraph type="secondary">Số liệu lúc {formatDateTime(counts.data.asOf)}</Typography.Paragraph>}
    </>
  );
}
