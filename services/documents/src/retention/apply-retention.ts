import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type RetentionRunView } from '@mc/contracts';
import { hasRole, type Principal } from '@mc/auth';
import { CLOCK, LOGGER, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import type { Logger } from '@mc/observability';
import { vietnamDate } from '@mc/working-calendar';
import type { DocumentsConfig } from '../documents.config';
import { ObjectStore } from '../storage/object-store';
import { segmentKey } from '../uploads/upload-record';

/** An upload nobody finished in a week is abandoned: its segments are staging, never a document. */
const ABANDONED_UPLOAD_DAYS = 7;
const RULE = 'hết thời hạn lưu trữ (retain_until)';
const dayMonthYear = (isoDate: string) => isoDate.split('-').reverse().join('/');

/**
 * The only way a stored file is ever deleted: versions whose retention has
 * run out, one audit row each (who, when, under which rule, the SHA-256 of
 * what went), the version's row kept with its deletion time. A file still
 * kept in a citizen's store, or shared by a version still retained (a reuse
 * points at the same bytes), stays.
 */
@Injectable()
export class ApplyRetention {
  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ObjectStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: DocumentsConfig,
  ) {}

  async execute(principal: Principal, input: { asOf?: string }): Promise<RetentionRunView> {
    if (!hasRole(principal, 'province_admin')) throw new AppError('FORBIDDEN', 'Chỉ quản trị cấp tỉnh mới chạy việc hủy tài liệu hết thời hạn lưu trữ.');
    const now = this.clock.now();
    const today = vietnamDate(now);
    const asOf = input.asOf ?? today;
    // A run dated ahead would delete files before their retention ends: the rules are applied as of today at the latest.
    if (asOf > today) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Ngày áp dụng ${dayMonthYear(asOf)} sau hôm nay (${dayMonthYear(today)}): chỉ hủy được tài liệu đã hết thời hạn lưu trữ tính đến hôm nay.`,
        { fields: { asOf: 'Ngày áp dụng không được sau hôm nay.' } },
      );
    }
    const expired: { id: string; object_key: string; sha256: string; shared: boolean }[] = await this.dataSource.transaction(async (manager) => {
      const rows = await manager.query(
        `SELECT d.id, d.object_key, d.sha256,
                EXISTS (SELECT 1 FROM documents o WHERE o.object_key = d.object_key AND o.id <> d.id AND o.deleted_at IS NULL AND o.retain_until >= $1) AS shared
         FROM documents d
         WHERE d.retain_until < $1 AND d.deleted_at IS NULL
           AND NOT EXISTS (SELECT 1 FROM verified_documents v WHERE v.document_id = d.id)
         FOR UPDATE OF d`,
        [asOf],
      );
      for (const row of rows) {
        await manager.query('UPDATE documents SET deleted_at = $2 WHERE id = $1', [row.id, now]);
        await manager.query('INSERT INTO document_deletions (document_id, object_key, sha256, rule, deleted_by, deleted_at) VALUES ($1, $2, $3, $4, $5, $6)', [
          row.id,
          row.object_key,
          row.sha256,
          `${RULE} trước ngày ${dayMonthYear(asOf)}`,
          principal.username,
          now,
        ]);
      }
      return rows;
    });
    // Rows first, then bytes: a failure here leaves an orphan object to delete again, never a row pointing at nothing.
    await this.store.remove(expired.filter((row) => !row.shared).map((row) => row.object_key));
    await this.removeAbandonedUploads(now);
    this.logger.info({ asOf, deleted: expired.length }, 'retention applied');
    return { asOf, deleted: expired.length };
  }

  private async removeAbandonedUploads(now: Date): Promise<void> {
    const abandoned: { id: string; received: string }[] = await this.dataSource.query(
      `DELETE FROM uploads WHERE created_at < $1::timestamptz - make_interval(days => ${ABANDONED_UPLOAD_DAYS}) RETURNING id, received`,
      [now],
    );
    for (const upload of abandoned) {
      const segments = Math.floor(Number(upload.received) / this.config.UPLOAD_SEGMENT_BYTES) + 1;
      await this.store.remove(Array.from({ length: segments }, (_, index) => segmentKey(upload.id, index)));
    }
  }
}
