import type { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { observeGauge } from '@mc/observability';
import { RUNNING } from './deadline-checker';

/** Dossiers past their due time and still open, by receiving unit: what the province's dashboard and alerts watch. */
export function observeOverdueDossiers(app: INestApplicationContext): void {
  const dataSource = app.get(DataSource);
  observeGauge('mc_dossiers_overdue', { description: 'Open dossiers past their due time, by receiving unit' }, async () => {
    const rows: { unit: string; overdue: number }[] = await dataSource.query(
      `SELECT receiving_unit_code AS unit, count(*)::int AS overdue FROM dossiers
        WHERE state = ANY($1) AND overdue_marked_at IS NOT NULL GROUP BY receiving_unit_code`,
      [RUNNING],
    );
    return rows.map((row) => ({ value: row.overdue, attributes: { unit: row.unit } }));
  });
}
