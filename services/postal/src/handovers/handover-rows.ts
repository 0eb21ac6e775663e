import type { EntityManager } from 'typeorm';
import { AppError, type HandoverDirection, type HandoverItem, type HandoverSignature, type HandoverView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { displayInstant } from '../display';

interface HandoverRow {
  id: string;
  unit_code: string;
  prepared_by: string;
  prepared_at: Date;
  centre_signed_by: string | null;
  centre_signed_at: Date | null;
  post_worker_name: string | null;
  post_worker_code: string | null;
  post_signed_at: Date | null;
}

interface ItemRow {
  id: string;
  direction: HandoverDirection;
  waybill: string | null;
  procedure_code: string;
  dossier_code: string | null;
  contact: { name?: string; fullName?: string } | null;
  address: { display?: string } | null;
  collected_fees: number;
}

/** What the postal worker brings in (dossiers picked up, not yet handed in) and takes out (results whose delivery the operator accepted). */
const WAITING = `
  SELECT o.id, CASE o.leg WHEN 'pickup' THEN 'bring' ELSE 'take' END AS direction, o.waybill, o.procedure_code, o.dossier_code,
         o.contact, o.address, o.collected_fees
  FROM orders o
  WHERE o.receiving_unit_code = $1
    AND ((o.leg = 'pickup' AND o.status = 'picked_up') OR (o.leg = 'return' AND o.status = 'accepted'))
    AND NOT EXISTS (SELECT 1 FROM handover_items i WHERE i.order_id = o.id)
  ORDER BY o.created_at, o.id`;

const toItem = (row: ItemRow): HandoverItem => ({
  orderId: row.id,
  direction: row.direction,
  waybill: row.waybill,
  procedureCode: row.procedure_code,
  dossierCode: row.dossier_code,
  contactName: row.contact?.name ?? row.contact?.fullName ?? '',
  address: row.address?.display ?? '',
  collectedFees: row.direction === 'bring' ? row.collected_fees : 0,
});

const split = (items: HandoverItem[]) => ({
  bring: items.filter((item) => item.direction === 'bring'),
  take: items.filter((item) => item.direction === 'take'),
});

/** The centre's clerks hand over; the operator's partner client speaks for its postal workers anywhere in the province. */
export function checkHandoverParty(principal: Principal, unitCode: string, allowPost: boolean): 'centre' | 'post' {
  if (principal.roles.some((grant) => grant.role === 'clerk' && grant.path.split('/').includes(unitCode))) return 'centre';
  if (allowPost && principal.roles.some((grant) => grant.role === 'postal_client')) return 'post';
  throw new AppError('FORBIDDEN', `Chỉ cán bộ tiếp nhận của đơn vị ${unitCode} và bưu chính được giao nhận hồ sơ, kết quả với bưu chính.`);
}

export async function waitingItems(manager: EntityManager, unitCode: string, lock = false): Promise<{ bring: HandoverItem[]; take: HandoverItem[] }> {
  const rows: ItemRow[] = await manager.query(`${WAITING}${lock ? ' FOR UPDATE OF o' : ''}`, [unitCode]);
  return split(rows.map(toItem));
}

export async function loadHandover(manager: EntityManager, id: string, lock = false): Promise<HandoverRow> {
  const [row]: HandoverRow[] = await manager.query(`SELECT * FROM handovers WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw new AppError('NOT_FOUND', 'Không tìm thấy biên bản giao nhận với bưu chính.');
  return row;
}

export async function recentHandovers(manager: EntityManager, unitCode: string): Promise<HandoverRow[]> {
  return manager.query('SELECT * FROM handovers WHERE unit_code = $1 ORDER BY prepared_at DESC LIMIT 20', [unitCode]);
}

const signature = (name: string | null, staffCode: string | null, at: Date | null): HandoverSignature | null =>
  name && at ? { name, staffCode, at: new Date(at).toISOString(), atDisplay: displayInstant(at) } : null;

export async function toHandoverView(manager: EntityManager, row: HandoverRow): Promise<HandoverView> {
  const rows: ItemRow[] = await manager.query(
    `SELECT o.id, i.direction, o.waybill, o.procedure_code, o.dossier_code, o.contact, o.address, o.collected_fees
     FROM handover_items i JOIN orders o ON o.id = i.order_id WHERE i.handover_id = $1 ORDER BY o.created_at, o.id`,
    [row.id],
  );
  const { bring, take } = split(rows.map(toItem));
  const signed = row.centre_signed_at !== null && row.post_signed_at !== null;
  return {
    id: row.id,
    unitCode: row.unit_code,
    status: signed ? 'signed' : 'awaiting_signatures',
    statusLabel: signed ? 'Hai bên đã ký nhận' : 'Chờ hai bên ký nhận',
    preparedBy: row.prepared_by,
    preparedAt: new Date(row.prepared_at).toISOString(),
    preparedAtDisplay: displayInstant(row.prepared_at),
    bring,
    take,
    collectedFees: bring.reduce((sum, item) => sum + item.collectedFees, 0),
    centreSignature: signature(row.centre_signed_by, null, row.centre_signed_at),
    postSignature: signature(row.post_worker_name, row.post_worker_code, row.post_signed_at),
  };
}
