import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type TemplateList } from '@mc/contracts';
import { hasRole, type Principal } from '@mc/auth';
import { TEMPLATES_IN_USE, templateView, type TemplateRow } from './template-row';

/** The version in use of every template, for the province admin who edits them. */
@Injectable()
export class ListTemplates {
  constructor(private readonly dataSource: DataSource) {}

  async execute(principal: Principal): Promise<TemplateList> {
    if (!hasRole(principal, 'province_admin')) throw new AppError('FORBIDDEN', 'Chỉ quản trị tỉnh được xem và sửa mẫu thông báo.');
    const rows: TemplateRow[] = await this.dataSource.query(TEMPLATES_IN_USE);
    return { templates: rows.map(templateView) };
  }
}
