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
import type { TemplateCache } from '../templates/template-cache';

/** A dossier as this service knows it from the dossier service's events, with the names of its units. */
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
  due_at: Date | string;
  receiving_unit_name: string | null;
  competent_unit_name: string | null;
}

/** The state an event moves the dossier to, and when; an older one handled late does not move it back. */
export interface StateMove {
  state: string;
  dueAt: string;
  occurredAt: string;
}

/**
 * The dossier with its units' names, in one statement; moving its state first
 * when the event carries one. (The statement reads the row as it was before
 * the move; the caller knows the new state.)
 */
export async function loadDossier(manager: EntityManager, id: string, move: StateMove | null = null): Promise<KnownDossier | undefined> {
  const rows: KnownDossier[] = await manager.query(
    `WITH moved AS (
       UPDATE dossiers SET state = $2, due_at = $3, state_event_at = $4 WHERE id = $1 AND $2::text IS NOT NULL AND state_event_at <= $4::timestamptz RETURNING id
     )
     SELECT d.*, ru.name AS receiving_unit_name, cu.name AS competent_unit_name FROM dossiers d
       LEFT JOIN known_units ru ON ru.code = d.receiving_unit_code LEFT JOIN known_units cu ON cu.code = d.competent_unit_code
      WHERE d.id = $1`,
    [id, move?.state ?? null, move?.dueAt ?? null, move?.occurredAt ?? null],
  );
  return rows[0] && (move ? { ...rows[0], state: move.state } : rows[0]);
}

const unitName = (name: string | null, code: string) => name ?? `đơn vị ${code}`;

const RETURN_METHOD_LABELS: Record<string, string> = { counter: 'nhận tại Bộ phận Một cửa', post: 'qua bưu chính', electronic: 'bản điện tử' };

const trackingUrl = (dossier: KnownDossier, config: NotificationsConfig) =>
  `${config.PUBLIC_BASE_URL}${dossier.tracking_path ?? `/tra-cuu?ma=${encodeURIComponent(dossier.code)}`}`;

/** What the citizen is told of an event: its kind, and the data its template is filled with once the dossier is known. */
export interface News {
  kind: NotificationKind;
  data: (dossier: KnownDossier) => Record<string, string>;
}

/**
 * The news an event brings the citizen, judged from the event alone (so that
 * an event that tells them nothing costs no database work); null when it
 * tells them nothing.
 */
export function newsOf(event: EventEnvelope, config: NotificationsConfig): News | null {
  const base = (dossier: KnownDossier) => ({ code: dossier.code, applicantName: dossier.applicant_name, procedureName: dossier.procedure_name });
  switch (event.type) {
    case 'dossier.supplement-requested': {
      const data = dossierSupplementRequestedV1.schema.parse(event.data);
      const by = new Date(new Date(data.occurredAt).getTime() + config.SUPPLEMENT_WINDOW_DAYS * 86_400_000);
      const missing = data.missing?.length ? data.missing.join('; ') : data.reason;
      return {
        kind: 'supplement_requested',
        data: (dossier) => ({ ...base(dossier), missing, reason: data.reason, supplementBy: displayDate(by), unitName: unitName(dossier.receiving_unit_name, dossier.receiving_unit_code) }),
      };
    }
    case 'dossier.supplement-received': {
      const data = dossierSupplementReceivedV1.schema.parse(event.data);
      return { kind: 'supplement_received', data: (dossier) => ({ ...base(dossier), dueDate: displayDate(data.dueAt), trackingUrl: trackingUrl(dossier, config) }) };
    }
    case 'dossier.result-issued': {
      dossierResultIssuedV1.schema.parse(event.data);
      return {
        kind: 'result_ready',
        data: (dossier) => {
          const collectWhere =
            dossier.return_method === 'post'
              ? 'bưu chính sẽ phát kết quả đến địa chỉ ông/bà đã đăng ký'
              : dossier.return_method === 'electronic'
                ? 'bản điện tử trong kho dữ liệu của ông/bà trên Cổng dịch vụ công'
                : `tại Bộ phận Một cửa, ${unitName(dossier.receiving_unit_name, dossier.receiving_unit_code)}, trong giờ hành chính`;
          return { ...base(dossier), collectWhere, trackingUrl: trackingUrl(dossier, config) };
        },
      };
    }
    case 'dossier.returned': {
      const data = dossierReturnedV1.schema.parse(event.data);
      return { kind: 'returned', data: (dossier) => ({ ...base(dossier), returnMethod: RETURN_METHOD_LABELS[data.returnMethod] ?? data.returnMethod }) };
    }
    case 'dossier.apologised': {
      const data = dossierApologisedV1.schema.parse(event.data);
      return {
        kind: 'apologised',
        data: (dossier) => ({
          ...base(dossier),
          originalDueDate: displayDate(data.originalDueAt),
          newDueDate: displayDate(data.newDueAt),
          reason: data.reason,
          unitName: unitName(dossier.competent_unit_name, dossier.competent_unit_code),
        }),
      };
    }
    case 'dossier.stopped': {
      const data = dossierStoppedV1.schema.parse(event.data);
      return { kind: 'stopped', data: (dossier) => ({ ...base(dossier), reason: data.reason, unitName: unitName(dossier.competent_unit_name, dossier.competent_unit_code) }) };
    }
    case 'order.status-changed': {
      const data = postalOrderStatusChangedV1.schema.parse(event.data);
      if (data.leg !== 'return' || data.status !== 'delivered') return null;
      return {
        kind: 'delivered_by_post',
        data: (dossier) => ({ code: dossier.code, applicantName: dossier.applicant_name, waybill: data.waybill, deliveredAt: displayInstant(data.eventTime) }),
      };
    }
    default:
      return null;
  }
}

/** Queues the news of an event about a known dossier to the channels its applicant consented to; nothing without consent. */
export async function tellCitizen(manager: EntityManager, templates: TemplateCache, event: EventEnvelope, news: News, dossier: KnownDossier, now: Date): Promise<number> {
  if (!dossier.consent) return 0;
  return queueMessages(
    manager,
    templates,
    { eventId: event.id, eventAt: event.occurredAt, kind: news.kind, dossierId: dossier.id, dossierCode: dossier.code, data: news.data(dossier), now },
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
  trackingUrl: trackingUrl(dossier, config),
});
