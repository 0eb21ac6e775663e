import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel, NotificationKind } from '@mc/contracts';

export interface TemplateInUse {
  channel: Channel;
  version: number;
  subject: string | null;
  body: string;
  zns_template_id: string | null;
  urgent: boolean;
}

/**
 * The version in use of every template, read once rather than once per
 * event. A version saved here clears it; one saved on another replica is
 * caught where messages are written (a newer version in the table makes the
 * write stop and ask for a refresh), so no message is written from an old
 * version.
 */
@Injectable()
export class TemplateCache {
  private templates: Promise<Map<string, TemplateInUse>> | undefined;

  constructor(private readonly dataSource: DataSource) {}

  async inUse(kind: NotificationKind, channels: readonly Channel[]): Promise<TemplateInUse[]> {
    this.templates ??= this.load();
    const templates = await this.templates.catch((error: unknown) => {
      this.templates = undefined;
      throw error;
    });
    return channels.flatMap((channel) => templates.get(`${kind}:${channel}`) ?? []);
  }

  clear(): void {
    this.templates = undefined;
  }

  private async load(): Promise<Map<string, TemplateInUse>> {
    const rows: (TemplateInUse & { kind: NotificationKind })[] = await this.dataSource.query(
      'SELECT DISTINCT ON (kind, channel) kind, channel, version, subject, body, zns_template_id, urgent FROM templates ORDER BY kind, channel, version DESC',
    );
    return new Map(rows.map(({ kind, ...template }) => [`${kind}:${template.channel}`, template]));
  }
}
