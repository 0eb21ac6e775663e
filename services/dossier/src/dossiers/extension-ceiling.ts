import type { EntityManager } from 'typeorm';
import { AppError, DEFAULT_MAX_EXTENSIONS } from '@mc/contracts';
import type { DossierRow } from './dossier-row';

/**
 * Refuses an extension beyond the procedure's ceiling (from the version the
 * dossier was received under), counted from the dossier's own history, which
 * the caller's transaction holds locked with the dossier row.
 */
export async function checkExtensionCeiling(manager: EntityManager, row: DossierRow): Promise<void> {
  const ceiling = row.processing_time.maxExtensions ?? DEFAULT_MAX_EXTENSIONS;
  const [{ made }]: { made: number }[] = await manager.query(
    `SELECT count(*)::int AS made FROM dossier_history WHERE dossier_id = $1 AND entry->>'action' = 'extend'`,
    [row.id],
  );
  if (made < ceiling) return;
  const message =
    ceiling === 0
      ? `Thủ tục "${row.procedure_name}" không cho phép gia hạn. Nếu không trả kết quả đúng hẹn, gửi văn bản xin lỗi và hẹn lại ngày trả kết quả.`
      : `Hồ sơ ${row.code} đã được gia hạn ${made} lần, bằng số lần tối đa thủ tục "${row.procedure_name}" cho phép (${ceiling} lần). Nếu không trả kết quả đúng hẹn, gửi văn bản xin lỗi và hẹn lại ngày trả kết quả.`;
  throw new AppError('VALIDATION_FAILED', message, { issues: [{ path: 'action', message: 'Đã hết số lần gia hạn.' }], extensionsMade: made, maxExtensions: ceiling });
}
