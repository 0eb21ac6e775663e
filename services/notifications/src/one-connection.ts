import type { DataSource, EntityManager } from 'typeorm';

/**
 * Runs a few statements on one pooled connection, each committing on its own
 * (no transaction): handling an event is a few idempotent statements, and
 * taking the connection once rather than once per statement is part of
 * what an event costs (docs/benchmarks.md, "Citizen notifications").
 */
export async function onOneConnection<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner();
  try {
    return await work(runner.manager);
  } finally {
    await runner.release();
  }
}
