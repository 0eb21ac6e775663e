import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AppError } from '@mc/contracts';
import { queryPrepared } from '@mc/persistence';
import { canonicalJson } from '../history/history-log';

export interface IdempotencyScope {
  caller: string;
  key: string | undefined;
  operation: string;
  request: unknown;
}

/**
 * Applies a submission or an action once per (caller, Idempotency-Key). The key
 * is claimed with an insert in the work's own transaction: a concurrent retry
 * waits on the key until the first commits, then reads its answer; if the
 * first rolled back, the retry does the work itself.
 */
@Injectable()
export class Idempotency {
  async run<T>(manager: EntityManager, scope: IdempotencyScope, work: () => Promise<T>): Promise<T> {
    if (!scope.key) return work();
    if (scope.key.length > 200) throw new AppError('VALIDATION_FAILED', 'Khóa chống gửi trùng (Idempotency-Key) tối đa 200 ký tự.');
    const requestHash = createHash('sha256').update(scope.operation).update(canonicalJson(scope.request)).digest('hex');
    // Prepared, like the receipt statement between these two: every keyed submission and action runs them.
    const claimed = await queryPrepared(
      manager,
      `INSERT INTO idempotency_keys (caller, key, operation, request_hash) VALUES ($1, $2, $3, $4)
       ON CONFLICT (caller, key) DO NOTHING RETURNING 1`,
      [scope.caller, scope.key, scope.operation, requestHash],
    );
    if (claimed.length === 0) {
      const [stored]: { request_hash: string; response: T }[] = await manager.query(
        'SELECT request_hash, response FROM idempotency_keys WHERE caller = $1 AND key = $2',
        [scope.caller, scope.key],
      );
      if (!stored || stored.request_hash !== requestHash) {
        throw new AppError(
          'CONFLICT',
          'Khóa chống gửi trùng (Idempotency-Key) này đã được dùng cho một yêu cầu khác. Tạo khóa mới cho yêu cầu mới.',
        );
      }
      return stored.response;
    }
    const response = await work();
    await queryPrepared(manager, 'UPDATE idempotency_keys SET response = $3 WHERE caller = $1 AND key = $2', [
      scope.caller,
      scope.key,
      JSON.stringify(response),
    ]);
    return response;
  }
}
