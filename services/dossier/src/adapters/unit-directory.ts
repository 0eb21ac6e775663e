import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError } from '@mc/contracts';
import { ReadModelCache } from '../read-models/read-model-cache';
import { ReadModelFreshness } from '../read-models/read-model-freshness';

/** Where a unit sits in the tree (`/20/05983/`), which decides who may see and handle its dossiers. */
export interface UnitDirectory {
  pathOf(unitCode: string): Promise<string>;
}
export const UNIT_DIRECTORY = Symbol('UNIT_DIRECTORY');

/** The unit tree as identity publishes it, kept in this service's schema (read-models/record-unit.ts). */
@Injectable()
export class LocalUnitDirectory implements UnitDirectory {
  private readonly paths: ReadModelCache<string>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly freshness: ReadModelFreshness,
  ) {
    this.paths = new ReadModelCache(freshness, 'units');
  }

  async pathOf(unitCode: string): Promise<string> {
    this.freshness.require('units');
    const known = await this.find(unitCode);
    if (known) return known;
    // A unit created a moment ago may still be on its way here.
    await this.freshness.settle('units');
    const settled = await this.find(unitCode);
    if (settled) return settled;
    throw new AppError('NOT_FOUND', `Không tìm thấy đơn vị có mã "${unitCode}". Kiểm tra lại mã đơn vị.`, { unitCode });
  }

  private find(unitCode: string): Promise<string | undefined> {
    return this.paths.get(unitCode, async () => {
      const rows: { path: string }[] = await this.dataSource.query('SELECT path FROM known_units WHERE code = $1', [unitCode]);
      return rows[0]?.path;
    });
  }
}
