import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type DossierRef, type TrackingTokenView } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { citizenOwns, loadVisibleDossier } from '../dossiers/dossier-row';

/**
 * The receipt's tracking token once more, so a clerk can reprint Mẫu 01 with
 * the QR code the citizen was given. The token is the citizen's credential:
 * it stays in this service's own table and leaves it only in this answer, to
 * staff who may receive dossiers at the dossier's receiving unit (those who
 * issued the receipt) or to the citizen who owns the dossier. A specialist or
 * leader who may read the dossier may not.
 */
@Injectable()
export class GetTrackingTokenForReprint {
  constructor(private readonly dataSource: DataSource) {}

  async execute(ref: DossierRef, principal: Principal): Promise<TrackingTokenView> {
    const row = await loadVisibleDossier(this.dataSource.manager, ref, principal);
    const mayReceive = isAllowed(principal, 'dossier.receive', {
      unitPath: row.receiving_unit_path,
      ownerSubject: citizenOwns(principal, row) ? principal.subject : undefined,
    });
    if (!mayReceive) {
      throw new AppError('FORBIDDEN', `Chỉ cán bộ tiếp nhận của đơn vị đã nhận hồ sơ ${row.code} mới in lại được giấy tiếp nhận và hẹn trả kết quả (mang mã tra cứu của công dân).`);
    }
    return { code: row.code, token: row.tracking_token };
  }
}
