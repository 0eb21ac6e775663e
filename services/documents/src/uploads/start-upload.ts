import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type UploadMetadata } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { DossierAccess, type CallerCredentials } from '../files/dossier-access';
import { checkDeclaredName } from './sniff-file-kind';

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toLocaleString('vi-VN', { maximumFractionDigits: 1 })} MB`;

/**
 * Opens an upload of one file to a dossier's component (or result). Whatever
 * can be refused before the first byte is refused here, so a refused file
 * never reaches the object store: a dossier out of the caller's sight, an
 * empty file, one over the component's limit, a name no allowed kind goes by.
 */
@Injectable()
export class StartUpload {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: DossierAccess,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, credentials: CallerCredentials, metadata: UploadMetadata, declaredSize: number): Promise<{ uploadId: string }> {
    if (declaredSize === 0) {
      throw new AppError('VALIDATION_FAILED', `Tệp «${metadata.filename}» rỗng (0 byte): hãy quét hoặc chọn lại tệp rồi tải lên.`);
    }
    const dossier = await this.access.visibleDossier(metadata.dossierCode, credentials);
    if ((metadata.purpose === 'digitisation' || metadata.component === 'result') && principal.kind !== 'staff') {
      throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận, xử lý hồ sơ mới số hóa thành phần hồ sơ hoặc tải lên kết quả.');
    }
    const slot = await this.access.slot(dossier, metadata.component, credentials);
    if (declaredSize > slot.maxBytes) {
      throw new AppError(
        'PAYLOAD_TOO_LARGE',
        `Tệp «${metadata.filename}» có dung lượng ${megabytes(declaredSize)}, vượt giới hạn ${megabytes(slot.maxBytes)} của thành phần «${slot.name}»; hãy quét ở độ phân giải thấp hơn hoặc tách tệp.`,
      );
    }
    checkDeclaredName(metadata.filename, slot.kinds, slot.name);
    if (metadata.purpose === 'submission') {
      const [existing] = await this.dataSource.query('SELECT 1 FROM documents WHERE dossier_code = $1 AND component = $2 LIMIT 1', [dossier.code, slot.component]);
      if (existing) {
        throw new AppError(
          'CONFLICT',
          `Thành phần «${slot.name}» của hồ sơ ${dossier.code} đã có tệp; để thay bằng tệp mới (giữ lại bản cũ), tải lên với mục đích supplement (bổ sung).`,
        );
      }
    }
    const uploadId = randomUUID();
    await this.dataSource.query(
      `INSERT INTO uploads (id, dossier_code, receiving_unit_code, component, component_name, purpose, filename, declared_size, allowed_kinds, created_by, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [uploadId, dossier.code, dossier.receivingUnitCode, slot.component, slot.name, metadata.purpose, metadata.filename, declaredSize, slot.kinds, principal.subject, this.clock.now()],
    );
    return { uploadId };
  }
}
