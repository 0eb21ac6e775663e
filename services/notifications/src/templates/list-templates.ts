import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type TemplateList } from '@mc/contracts';
import { hasRole, type Principal } from '@mc/auth';
import { templateView, type TemplateRow } from './template-row';

/** The version in use of every template, for the province admin who edits them. */
@Injectable()
export class ListTemplates {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<TemplateList> {
    if (!hasRole(principal, 'province_admin')) throw new AppError('FORBIDDEN', 'Chỉ quản trị tỉnh được xem và sửa mẫu thông báo.');
    const rows: TemplateRow[] = await this.dataSource.query('SELECT DISTINCT ON (kind, channel) * FROM templates ORDER BY kind, channel, version DESC');
    return { templates: rows.map(templateView) };
  }
}
