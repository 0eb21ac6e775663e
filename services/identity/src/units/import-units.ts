import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, parseInput, unitInputSchema } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CreateUnit } from './create-unit';

export interface ImportResult {
  created: number;
  skipped: number;
}

/**
 * Imports a list of units (parents before children) in one transaction: a bad
 * row rejects the whole file, naming the row, so nothing half-imported stays.
 * Units whose code already exists with the same name and kind are skipped, so
 * the same file can be imported again.
 */
@Injectable()
export class ImportUnits {
  constructor(
    private readonly dataSource: DataSource,
    private readonly createUnit: CreateUnit,
  ) {}

  async execute(rows: unknown[], principal: Principal): Promise<ImportResult> {
    return this.dataSource.transaction(async (manager) => {
      let created = 0;
      let skipped = 0;
      for (const [index, row] of rows.entries()) {
        try {
          const input = parseInput(unitInputSchema, row);
          const existing: { name: string; kind: string }[] = await manager.query('SELECT name, kind FROM units WHERE code = $1', [input.code]);
          if (existing[0]?.name === input.name && existing[0]?.kind === input.kind) {
            skipped += 1;
            continue;
          }
          await this.createUnit.create(manager, input, principal);
          created += 1;
        } catch (error) {
          if (error instanceof AppError) {
            throw new AppError(error.code, `Dòng ${index + 1}: ${error.message}`, { row: index + 1, ...(error.details as object) });
          }
          throw error;
        }
      }
      return { created, skipped };
    });
  }
}
