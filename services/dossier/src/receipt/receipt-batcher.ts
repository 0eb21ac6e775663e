import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type QueryRunner } from 'typeorm';
import { queryPrepared } from '@mc/persistence';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { DossierConfig } from '../dossier.config';

interface QueuedReceipt {
  unitCode: string;
  text: string;
  params: unknown[];
  resolve: (rows: unknown[]) => void;
  reject: (error: unknown) => void;
}

/** Batches committing side by side; each takes its own connection. More would mostly wait on the same counter rows. */
const BATCHES_IN_FLIGHT = 2;
/** Bounds how long the first receipt of a batch waits for the last. */
const MAX_BATCH = 64;

/**
 * Commits concurrent one-statement receipts of this replica together: receipts
 * that arrive while the batches in flight commit form the next batch, one
 * transaction with one commit (and one WAL flush) for all of them, each
 * answered only after that commit. Measured: about half the Postgres CPU of a
 * receipt at 16 in flight (docs/benchmarks.md). A receipt alone is its own
 * autocommit statement, as without batching.
 *
 * Each receipt takes its unit's day number inside its own statement, so a
 * batch numbers its receipts in the order it runs them, and a rolled-back batch
 * has taken no number. A statement that fails rolls its batch back; the batch
 * is then run again one statement at a time, so the failing receipt fails
 * alone. A failed COMMIT is not rerun: whether it committed is unknown, and a
 * rerun could write a receipt twice; every receipt of the batch gets the error,
 * as one autocommit statement's caller would.
 *
 * The statements of a batch run in the order of their units' codes (a stable
 * sort, so one unit's receipts keep their order): two batches in flight then
 * lock the counter rows they share in the same order and never deadlock.
 */
@Injectable()
export class ReceiptBatcher {
  private queue: QueuedReceipt[] = [];
  private inFlight = 0;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: DossierConfig,
  ) {}

  /** Runs the receipt's statement, committed when the promise resolves; `unitCode`: the day counter it takes a number from. */
  run<T>(unitCode: string, text: string, params: unknown[]): Promise<T[]> {
    if (!this.config.DOSSIER_RECEIPT_GROUP_COMMIT) return queryPrepared<T>(this.dataSource.manager, text, params);
    return new Promise<T[]>((resolve, reject) => {
      this.queue.push({ unitCode, text, params, resolve: resolve as (rows: unknown[]) => void, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.inFlight < BATCHES_IN_FLIGHT && this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      this.inFlight += 1;
      void this.commit(batch).finally(() => {
        this.inFlight -= 1;
        this.next();
      });
    }
  }

  private async commit(batch: QueuedReceipt[]): Promise<void> {
    const [only] = batch;
    if (batch.length === 1 && only) {
      await queryPrepared(this.dataSource.manager, only.text, only.params).then(only.resolve, only.reject);
      return;
    }
    const ordered = [...batch].sort((a, b) => (a.unitCode < b.unitCode ? -1 : a.unitCode > b.unitCode ? 1 : 0));
    let runner: QueryRunner | undefined;
    try {
      runner = this.dataSource.createQueryRunner();
      await runner.connect();
      const rows = await this.together(runner, ordered);
      if (rows === 'commit failed') return;
      if (rows) {
        ordered.forEach((receipt, index) => receipt.resolve(rows[index] as unknown[]));
        return;
      }
      for (const receipt of ordered) await queryPrepared(runner.manager, receipt.text, receipt.params).then(receipt.resolve, receipt.reject);
    } catch (error) {
      for (const receipt of ordered) receipt.reject(error);
    } finally {
      await runner?.release();
    }
  }

  /** The batch in one transaction: its rows, undefined when a statement failed (rolled back), or whether the COMMIT failed. */
  private async together(runner: QueryRunner, ordered: QueuedReceipt[]): Promise<unknown[][] | undefined | 'commit failed'> {
    const rows: unknown[][] = [];
    try {
      await runner.query('BEGIN');
      for (const receipt of ordered) rows.push(await queryPrepared(runner.manager, receipt.text, receipt.params));
    } catch {
      await runner.query('ROLLBACK').catch(() => undefined);
      return undefined;
    }
    try {
      await runner.query('COMMIT');
    } catch (error) {
      for (const receipt of ordered) receipt.reject(error);
      return 'commit failed';
    }
    return rows;
  }
}
