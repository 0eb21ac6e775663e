import type { EntityManager } from 'typeorm';
import { AppError, POSTAL_STATUS_LABELS, type MappedAddress, type PostalLeg, type PostalOrderView, type PostalStatus } from '@mc/contracts';
import { displayInstant } from '../display';

export interface OrderRow {
  id: string;
  leg: PostalLeg;
  status: PostalStatus | 'queued';
  status_event_time: Date | null;
  waybill: string | null;
  procedure_code: string;
  receiving_unit_code: string;
  dossier_id: string | null;
  dossier_code: string | null;
  submission: Record<string, unknown> | null;
  address: MappedAddress;
  contact: { name: string; phone: string | null };
  collected_fees: number;
  postage: number | null;
  requested_by: string;
  created_at: Date;
  sent_at: Date | null;
}

export async function loadOrder(manager: EntityManager, id: string, lock = false): Promise<OrderRow> {
  const [row]: OrderRow[] = await manager.query(`SELECT * FROM orders WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy đơn bưu chính.');
  return row;
}

export async function toOrderView(manager: EntityManager, row: OrderRow): Promise<PostalOrderView> {
  const steps: { status: PostalStatus; event_time: Date; reason: string | null }[] = await manager.query(
    'SELECT status, event_time, reason FROM order_steps WHERE order_id = $1 ORDER BY event_time',
    [row.id],
  );
  return {
    id: row.id,
    leg: row.leg,
    status: row.status,
    statusLabel: POSTAL_STATUS_LABELS[row.status],
    waybill: row.waybill,
    procedureCode: row.procedure_code,
    receivingUnitCode: row.receiving_unit_code,
    dossierCode: row.dossier_code,
    address: row.address,
    postage: row.postage,
    collectedFees: row.collected_fees,
    steps: steps.map((step) => ({
      status: step.status,
      label: POSTAL_STATUS_LABELS[step.status],
      eventTime: new Date(step.event_time).toISOString(),
      atDisplay: displayInstant(step.event_time),
      reason: step.reason,
    })),
  };
}
