import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  AppError,
  fieldName,
  type ProcedureVersionSummary,
  type ProcedureVersionView,
  type VersionContent,
  type VersionStatus,
} from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Procedure } from './procedure.entity';
import { ProcedureVersion } from './procedure-version.entity';

/** Helpers the procedure use cases share: the rules live in the use cases themselves. */

/** The catalogue is the province's: only those the policy lets publish may change it or see its drafts. */
export const canSeeDrafts = (principal: Principal | null): boolean => principal !== null && isAllowed(principal, 'catalog.publish', {});

export function requireProvinceAdmin(principal: Principal, action: string): void {
  if (!canSeeDrafts(principal)) {
    throw new AppError('FORBIDDEN', `Chỉ quản trị viên cấp tỉnh được ${action}.`);
  }
}

export function newVersion(code: string, version: number, content: VersionContent, by: string, at: Date): ProcedureVersion {
  const { name, field, level, effectiveFrom, ...details } = content;
  return Object.assign(new ProcedureVersion(), {
    id: randomUUID(),
    procedureCode: code,
    version,
    status: 'draft' as VersionStatus,
    effectiveFrom,
    name,
    field,
    level,
    content: details,
    createdAt: at,
    createdBy: by,
    updatedAt: at,
    publishedAt: null,
    publishedBy: null,
    withdrawnAt: null,
    withdrawnBy: null,
    withdrawalReason: null,
  });
}

export const contentOf = (row: ProcedureVersion): VersionContent => ({
  name: row.name,
  field: row.field,
  level: row.level,
  effectiveFrom: row.effectiveFrom,
  ...row.content,
});

export const toVersionView = (row: ProcedureVersion): ProcedureVersionView => ({
  code: row.procedureCode,
  version: row.version,
  status: row.status,
  ...contentOf(row),
  fieldName: fieldName(row.field),
  createdAt: row.createdAt.toISOString(),
  publishedAt: row.publishedAt?.toISOString() ?? null,
  withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
  withdrawalReason: row.withdrawalReason,
});

export const toVersionSummary = (row: ProcedureVersion): ProcedureVersionSummary => ({
  code: row.procedureCode,
  version: row.version,
  status: row.status,
  effectiveFrom: row.effectiveFrom,
  name: row.name,
  publishedAt: row.publishedAt?.toISOString() ?? null,
  withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
});

export const notFound = (code: string) =>
  new AppError('NOT_FOUND', `Không tìm thấy thủ tục mã ${code} trong danh mục của tỉnh.`, { code });

/** Serialises every change to one procedure's versions for the rest of the transaction. */
export async function lockProcedure(manager: EntityManager, code: string): Promise<void> {
  const procedure = await manager.findOne(Procedure, { where: { code }, lock: { mode: 'pessimistic_write' } });
  if (!procedure) throw notFound(code);
}

export const versionsOf = (manager: EntityManager, code: string): Promise<ProcedureVersion[]> =>
  manager.find(ProcedureVersion, { where: { procedureCode: code }, order: { version: 'ASC' } });

export function pick(versions: ProcedureVersion[], code: string, version: number): ProcedureVersion {
  const row = versions.find((candidate) => candidate.version === version);
  if (!row) throw new AppError('NOT_FOUND', `Thủ tục mã ${code} không có phiên bản ${version}.`, { code, version });
  return row;
}

const STATUS_NAMES: Record<VersionStatus, string> = { draft: 'bản nháp', published: 'đã công bố', withdrawn: 'đã thu hồi' };
export const statusName = (status: VersionStatus): string => STATUS_NAMES[status];

/** dd/mm/yyyy, as dates are written on Vietnamese forms. */
export const vietnameseDate = (day: string): string => day.split('-').reverse().join('/');
