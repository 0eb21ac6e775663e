import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, SMS_ONLY_KINDS, type SaveTemplateRequest, type TemplateView } from '@mc/contracts';
import { hasRole, type Principal } from '@mc/auth';
import { TemplateCache } from './template-cache';
import { templateView, type TemplateRow } from './template-row';

/**
 * A new version of one template; earlier versions stay, and each message
 * records the version it was written from. Messages already queued keep
 * their text; messages written from now on use the new version.
 */
@Injectable()
export class SaveTemplate {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplateCache,
  ) {}

  async execute(request: SaveTemplateRequest, principal: Principal): Promise<TemplateView> {
    if (!hasRole(principal, 'province_admin')) throw new AppError('FORBIDDEN', 'Chỉ quản trị tỉnh được sửa mẫu thông báo.');
    if (SMS_ONLY_KINDS.includes(request.kind) && request.channel !== 'sms') {
      throw new AppError('VALIDATION_FAILED', 'Trả lời tin nhắn của công dân (tra cứu, đổi kênh nhận) chỉ gửi bằng SMS.', { issues: [{ path: 'channel', message: 'Chỉ sms' }] });
    }
    const saved = await this.dataSource.transaction(async (manager) => {
      // Two admins saving the same template at once get consecutive versions, not a conflict.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`template:${request.kind}:${request.channel}`]);
      const [row]: TemplateRow[] = await manager.query(
        `INSERT INTO templates (kind, channel, version, subject, body, zns_template_id, urgent, created_by)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7 FROM templates WHERE kind = $1 AND channel = $2
         RETURNING *`,
        [
          request.kind,
          request.channel,
          request.channel === 'email' ? (request.subject ?? null) : null,
          request.body,
          request.channel === 'zalo' ? (request.znsTemplateId ?? null) : null,
          request.urgent,
          principal.username,
        ],
      );
      return templateView(row as TemplateRow);
    });
    this.templates.clear();
    return saved;
  }
}
