import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { KnownUnit, UnitLookup } from './map-address';

const COLUMNS = `code, name, kind, parent_code AS "parentCode", to_char(valid_to, 'YYYY-MM-DD') AS "validTo"`;

/** The unit tree as this service keeps it from identity's events. */
@Injectable()
export class UnitDirectory implements UnitLookup {
  constructor(private readonly dataSource: DataSource) {}

  async unit(code: string): Promise<KnownUnit | undefined> {
    const [unit]: KnownUnit[] = await this.dataSource.query(`SELECT ${COLUMNS} FROM known_units WHERE code = $1`, [code]);
    return unit;
  }

  formedFrom(code: string): Promise<KnownUnit[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM known_units WHERE $1 = ANY (formed_from) ORDER BY code`, [code]);
  }
}
