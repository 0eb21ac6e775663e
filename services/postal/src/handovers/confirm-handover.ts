import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type ConfirmHandoverRequest, type HandoverView } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { displayInstant } from '../display';
import { checkHandoverParty, loadHandover, toHandoverView } from './handover-rows';

/**
 * One side signs the hand-over list off: a clerk of the centre as
 * themselves, or the operator's partner client for the named postal worker.
 * Each side signs once; the signature records who and when, and a second
 * attempt is refused with the first one's name and time.
 */
@Injectable()
export class ConfirmHandover {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: ConfirmHandoverRequest, principal: Principal): Promise<HandoverView> {
    return this.dataSource.transaction(async (manager) => {
      const row = await loadHandover(manager, input.handoverId, true);
      const side = checkHandoverParty(principal, row.unit_code, true);
      if (side === 'centre') {
        if (input.postalWorker) throw new AppError('VALIDATION_FAILED', 'Nhân viên bưu chính tự xác nhận trên thiết bị của bưu chính; cán bộ chỉ xác nhận phần của Bộ phận Một cửa.');
        if (row.centre_signed_at) throw alreadySigned(row.centre_signed_by ?? '', row.centre_signed_at);
        await manager.query('UPDATE handovers SET centre_signed_by = $2, centre_signed_subject = $3, centre_signed_at = now() WHERE id = $1', [
          row.id,
          principal.username,
          principal.subject,
        ]);
      } else {
        if (!input.postalWorker) {
          throw new AppError('VALIDATION_FAILED', 'Ghi họ tên và mã nhân viên bưu chính giao, nhận hồ sơ.', { issues: [{ path: 'postalWorker', message: 'Thiếu nhân viên bưu chính.' }] });
        }
        if (row.post_signed_at) throw alreadySigned(row.post_worker_name ?? '', row.post_signed_at);
        await manager.query('UPDATE handovers SET post_worker_name = $2, post_worker_code = $3, post_signed_client = $4, post_signed_at = now() WHERE id = $1', [
          row.id,
          input.postalWorker.name,
          input.postalWorker.staffCode,
          principal.clientId,
        ]);
      }
      return toHandoverView(manager, await loadHandover(manager, row.id));
    });
  }
}

const alreadySigned = (name: string, at: Date) => new AppError('CONFLICT', `Biên bản đã được ${name} xác nhận lúc ${displayInstant(at)}.`);
