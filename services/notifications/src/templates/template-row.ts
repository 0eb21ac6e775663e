import { TEMPLATE_FIELDS, type Channel, type NotificationKind, type TemplateView } from '@mc/contracts';
import { displayInstant } from '../display';

export interface TemplateRow {
  kind: NotificationKind;
  channel: Channel;
  version: number;
  subject: string | null;
  body: string;
  zns_template_id: string | null;
  urgent: boolean;
  created_by: string;
  created_at: Date;
}

/** The version in use of every template: the newest saved for its kind and channel. */
export const TEMPLATES_IN_USE = 'SELECT DISTINCT ON (kind, channel) * FROM templates ORDER BY kind, channel, version DESC';

export const templateView = (row: TemplateRow): TemplateView => ({
  kind: row.kind,
  channel: row.channel,
  version: row.version,
  subject: row.subject,
  body: row.body,
  znsTemplateId: row.zns_template_id,
  urgent: row.urgent,
  fields: [...TEMPLATE_FIELDS[row.kind]],
  createdBy: row.created_by,
  createdAt: new Date(row.created_at).toISOString(),
  createdAtDisplay: displayInstant(row.created_at),
});
