import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel, NotificationKind } from '@mc/contracts';
import { TEMPLATES_IN_USE, type TemplateRow } from './template-row';

/** What a message is written from; who saved the version and when does not matter there. */
export type TemplateInUse = Omit<TemplateRow, 'kind' | 'created_by' | 'created_at'>;

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
    const rows: TemplateRow[] = await this.dataSource.query(TEMPLATES_IN_USE);
    return new Map(rows.map(({ kind, created_by: _createdBy, created_at: _createdAt, ...template }) => [`${kind}:${template.channel}`, template]));
  }
}
