import { AppError, type DocumentView, type DossierDocumentsView, type DossierView } from '@mc/contracts';
import type { Principal, Role } from '@mc/auth';

/** Holds `role` in exactly this unit: a unit's result is signed by its own leader, its receipts and copies by its own counter. */
export function assertRoleIn(principal: Principal, roles: Role[], unitCode: string, what: string): void {
  if (principal.roles.some((grant) => roles.includes(grant.role) && grant.unit === unitCode)) return;
  throw new AppError('FORBIDDEN', `Chỉ ${what} của đơn vị ${unitCode} mới thực hiện được thao tác này.`, { unitCode });
}

/** Receipts and certified copies are signed at the counter of the unit that received the dossier, by its clerk. */
export function assertCounterClerk(principal: Principal, dossier: DossierView): void {
  assertRoleIn(principal, ['clerk'], dossier.receivingUnitCode, 'cán bộ tiếp nhận');
}

/** Only the leader of the competent unit signs its result, while approving it or once it is approved. */
export function assertResultSigner(principal: Principal, dossier: DossierView): void {
  assertRoleIn(principal, ['leader'], dossier.competentUnitCode, 'lãnh đạo');
  const approving = dossier.state === 'in_progress' && dossier.currentStep?.kind === 'approve';
  if (!approving && dossier.state !== 'approved') {
    throw new AppError(
      'ILLEGAL_TRANSITION',
      `Chỉ ký kết quả khi hồ sơ ${dossier.code} đang ở bước phê duyệt hoặc đã được phê duyệt (hiện: "${dossier.stateLabel}").`,
      { state: dossier.state, step: dossier.currentStep?.key ?? null },
    );
  }
}

/**
 * The draft result the leader signs: a version of the dossier's `result`
 * component uploaded by its staff (not one the platform issued after signing),
 * the latest unless one is named. A PDF, since only PDFs carry PAdES signatures.
 */
export function draftResult(files: DossierDocumentsView, documentId?: string): DocumentView {
  const drafts = files.documents.filter((document) => document.component === 'result' && document.purpose !== 'issued');
  const draft = documentId ? drafts.find((document) => document.id === documentId) : drafts.at(-1);
  if (!draft) {
    throw new AppError(
      'NOT_FOUND',
      documentId
        ? `Tài liệu ${documentId} không phải dự thảo kết quả của hồ sơ ${files.dossierCode}.`
        : `Hồ sơ ${files.dossierCode} chưa có dự thảo kết quả; chuyên viên cần tải tệp kết quả (thành phần "result", PDF) lên hồ sơ trước khi lãnh đạo ký.`,
    );
  }
  if (draft.kind !== 'pdf') {
    throw new AppError('VALIDATION_FAILED', `Dự thảo kết quả «${draft.filename}» là ${draft.kind}; chỉ ký số được tệp PDF. Hãy tải lên bản PDF của kết quả.`);
  }
  return draft;
}

export const signedFileName = (filename: string) => filename.replace(/(\.pdf)?$/i, '-da-ky.pdf');
