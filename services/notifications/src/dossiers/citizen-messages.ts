import type { EntityManager } from 'typeorm';
import {
  dossierApologisedV1,
  dossierResultIssuedV1,
  dossierReturnedV1,
  dossierStoppedV1,
  dossierSupplementReceivedV1,
  dossierSupplementRequestedV1,
  postalOrderStatusChangedV1,
  type Channel,
  type EventEnvelope,
  type NotificationKind,
} from '@mc/contracts';
import { queueMessages } from '../delivery/queue-messages';
import { displayDate, displayInstant } from '../display';
import type { NotificationsConfig } from '../notifications.config';

/** A dossier as this service knows it from the dossier service's events. */
export interface KnownDossier {
  id: string;
  code: string;
  procedure_name: string;
  applicant_name: string;
  receiving_unit_code: string;
  competent_unit_code: string;
  return_method: string;
  phone: string | null;
  email: string | null;
  channels: Channel[];
  consent: boolean;
  tracking_path: string | null;
  state: string;
  due_at: Date;
}

export const loadDossier = async (manager: EntityManager, id: string): Promise<KnownDossier | undefined> =>
  ((await manager.query('SELECT * FROM dossiers WHERE id = $1', [id])) as KnownDossier[])[0];

const unitName = async (manager: EntityManager, code: string) =>
  ((await manager.query('SELECT name FROM known_units WHERE code = $1', [code])) as { name: string }[])[0]?.name ?? `đơn vị ${code}`;

const RETURN_METHOD_LABELS: Record<string, string> = { counter: 'nhận tại Bộ phận Một cửa', post: 'qua bưu chính', electronic: 'bản điện tử' };

type Plan = { kind: NotificationKind; data: Record<string, string> } | null;

/** What the citizen is told of an event, and the data its template is filled with; null when the event tells them nothing. */
async function plan(manager: EntityManager, event: EventEnvelope, dossier: KnownDossier, config: NotificationsConfig): Promise<Plan> {
  const base = { code: dossier.code, applicantName: dossier.applicant_name, procedureName: dossier.procedure_name };
  const trackingUrl = `${config.PUBLIC_BASE_URL}${dossier.tracking_path ?? `/tra-cuu?ma=${encodeURIComponent(dossier.code)}`}`;
  switch (event.type) {
    case 'dossier.supplement-requested': {
      const data = dossierSupplementRequestedV1.schema.parse(event.data);
      const by = new Date(new Date(data.occurredAt).getTime() + config.SUPPLEMENT_WINDOW_DAYS * 86_400_000);
      const missing = data.missing?.length ? data.missing.join('; ') : data.reason;
      return { kind: 'supplement_requested', data: { ...base, missing, reason: data.reason, supplementBy: displayDate(by), unitName: await unitName(manager, dossier.receiving_unit_code) } };
    }
    case 'dossier.supplement-received': {
      const data = dossierSupplementReceivedV1.schema.parse(event.data);
      return { kind: 'supplement_received', data: { ...base, dueDate: displayDate(data.dueAt), trackingUrl } };
    }
    case 'dossier.result-issued': {
      dossierResultIssuedV1.schema.parse(event.data);
      const unit = await unitName(manager, dossier.receiving_unit_code);
      const collectWhere =
        dossier.return_method === 'post'
          ? 'bưu chính sẽ phát kết quả đến địa chỉ ông/bà đã đăng ký'
          : dossier.return_method === 'electronic'
            ? 'bản điện tử trong kho dữ liệu của ông/bà trên Cổng dịch vụ công'
            : `tại Bộ phận Một cửa, ${unit}, trong giờ hành chính`;
      return { kind: 'result_ready', data: { ...base, collectWhere, trackingUrl } };
    }
    case 'dossier.returned': {
      const data = dossierReturnedV1.schema.parse(event.data);
      return { kind: 'returned', data: { ...base, returnMethod: RETURN_METHOD_LABELS[data.returnMethod] ?? data.returnMethod } };
    }
    case 'dossier.apologised': {
      const data = dossierApologisedV1.schema.parse(event.data);
      return {
        kind: 'apologised',
        data: { ...base, originalDueDate: displayDate(data.originalDueAt), newDueDate: displayDate(data.newDueAt), reason: data.reason, unitName: await unitName(manager, dossier.competent_unit_code) },
      };
    }
    case 'dossier.stopped': {
      const data = dossierStoppedV1.schema.parse(event.data);
      return { kind: 'stopped', data: { ...base, reason: data.reason, unitName: await unitName(manager, dossier.competent_unit_code) } };
    }
    case 'order.status-changed': {
      const data = postalOrderStatusChangedV1.schema.parse(event.data);
      if (data.leg !== 'return' || data.status !== 'delivered') return null;
      return { kind: 'delivered_by_post', data: { code: dossier.code, applicantName: dossier.applicant_name, waybill: data.waybill, deliveredAt: displayInstant(data.eventTime) } };
    }
    default:
      return null;
  }
}

/** Queues what the citizen is told of an event about a dossier this service knows, to the channels they consented to. */
export async function notifyCitizen(manager: EntityManager, event: EventEnvelope, dossier: KnownDossier, config: NotificationsConfig, now: Date): Promise<number> {
  if (!dossier.consent) return 0;
  const planned = await plan(manager, event, dossier, config);
  if (!planned) return 0;
  return queueMessages(
    manager,
    { eventId: event.id, kind: planned.kind, dossierId: dossier.id, dossierCode: dossier.code, data: planned.data, now },
    { phone: dossier.phone, email: dossier.email, channels: dossier.channels },
  );
}

/** The received message's data, from the receipt itself. */
export const receivedData = (dossier: KnownDossier, receivedAt: string, config: NotificationsConfig): Record<string, string> => ({
  code: dossier.code,
  applicantName: dossier.applicant_name,
  procedureName: dossier.procedure_name,
  receivedAt: displayInstant(receivedAt),
  dueDate: displayDate(dossier.due_at),
  trackingUrl: `${config.PUBLIC_BASE_URL}${dossier.tracking_path ?? `/tra-cuu?ma=${encodeURIComponent(dossier.code)}`}`,
});
