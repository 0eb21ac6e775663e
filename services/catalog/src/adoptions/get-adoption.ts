import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type AdoptionView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Adoption } from './adoption.entity';
import { toAdoptionView } from './adoption-view';

/**
 * How a unit runs a procedure. Any staff member may read it: a dossier can be
 * received in one unit and handled in another.
 */
@Injectable()
export class GetAdoption {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: { unitCode: string; code: string }, principal: Principal): Promise<AdoptionView> {
    if (principal.kind === 'citizen') {
      throw new AppError('FORBIDDEN', 'Thông tin phân công xử lý của đơn vị chỉ dành cho cán bộ.');
    }
    const adoption = await this.dataSource.manager.findOneBy(Adoption, { unitCode: input.unitCode, procedureCode: input.code });
    if (!adoption) {
      throw new AppError('NOT_FOUND', `Đơn vị ${input.unitCode} chưa áp dụng thủ tục mã ${input.code}.`, input);
    }
    return toAdoptionView(adoption);
  }
}
