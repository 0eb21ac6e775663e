import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type UnitKind, type UnitView } from '@mc/contracts';

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  kind: UnitKind;
  parent_code: string | null;
  path: string;
  valid_from: string | null;
  valid_to: string | null;
  previous_names: { name: string; validTo: string }[];
}

const SELECT_UNIT = `
  SELECT u.id, u.code, u.name, u.kind, p.code AS parent_code, u.path,
         to_char(u.valid_from, 'YYYY-MM-DD') AS valid_from, to_char(u.valid_to, 'YYYY-MM-DD') AS valid_to,
         u.previous_names
  FROM units u LEFT JOIN units p ON p.id = u.parent_id`;

export const toUnitView = (row: UnitRow): UnitView => ({
  code: row.code,
  name: row.name,
  kind: row.kind,
  parentCode: row.parent_code,
  path: row.path,
  validFrom: row.valid_from,
  validTo: row.valid_to,
  previousNames: row.previous_names,
});

/** Reads of the unit tree that several use cases share. */
@Injectable()
export class UnitStore {
  constructor(private readonly dataSource: DataSource) {}

  async find(code: string, manager: EntityManager = this.dataSource.manager): Promise<UnitRow | undefined> {
    const rows: UnitRow[] = await manager.query(`${SELECT_UNIT} WHERE u.code = $1`, [code]);
    return rows[0];
  }

  async require(code: string, manager?: EntityManager): Promise<UnitRow> {
    const unit = await this.find(code, manager);
    if (!unit) throw new AppError('NOT_FOUND', `Không tìm thấy đơn vị có mã "${code}". Kiểm tra lại mã đơn vị.`);
    return unit;
  }

  async children(code: string): Promise<UnitRow[]> {
    return this.dataSource.query(`${SELECT_UNIT} WHERE p.code = $1 ORDER BY u.kind, u.code`, [code]);
  }
}
