import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { DossierRef, HistoryVerification } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { loadVisibleDossier } from '../dossiers/dossier-row';
import { HistoryLog } from './history-log';

/** Recomputes the dossier's hash chain from its first entry and names the first entry that does not match. */
@Injectable()
export class VerifyDossierHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryLog,
  ) {}

  async execute(ref: DossierRef, principal: Principal): Promise<HistoryVerification> {
    const row = await loadVisibleDossier(this.dataSource.manager, ref, principal);
    const rows = await this.history.read(this.dataSource.manager, row.id);
    const firstBadSeq = this.history.firstBadEntry(rows);
    return {
      dossierId: row.id,
      code: row.code,
      entries: rows.length,
      valid: firstBadSeq === null,
      firstBadSeq,
      message:
        firstBadSeq === null
          ? `Lịch sử xử lý hồ sơ ${row.code} toàn vẹn (${rows.length} bản ghi).`
          : `Lịch sử xử lý hồ sơ ${row.code} đã bị sửa đổi từ bản ghi số ${firstBadSeq}; báo ngay quản trị viên.`,
    };
  }
}
