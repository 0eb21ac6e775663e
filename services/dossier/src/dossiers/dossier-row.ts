import type { EntityManager } from 'typeorm';
import {
  AppError,
  DOSSIER_CHANNELS,
  DOSSIER_STATE_LABELS,
  type Applicant,
  type ApologyForm,
  type StopNotice,
  type DossierChannel,
  type DossierState,
  type DossierView,
  type ProcessingTime,
  type ReturnMethod,
  type StepView,
  type SubHandlingView,
  type SubmittedComponentView,
  formRegimeOf,
} from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth/rules';
import { displayInstant } from './display';

export interface DossierRow {
  id: string;
  code: string;
  tracking_token: string;
  procedure_code: string;
  procedure_version: number;
  procedure_name: string;
  processing_time: ProcessingTime;
  workflow: StepView[];
  channel: number;
  receiving_unit_code: string;
  receiving_unit_path: string;
  competent_unit_code: string;
  competent_unit_path: string;
  owner_subject: string | null;
  applicant: Applicant;
  /** Rows received before digitisation was recorded lack the two flags. */
  components: (Omit<SubmittedComponentView, 'digitised' | 'reusedFromStore'> & Partial<SubmittedComponentView>)[];
  return_method: ReturnMethod;
  return_address: string | null;
  state: DossierState;
  step_index: number;
  step_started_at: Date;
  step_due_at: Date | null;
  received_at: Date;
  due_at: Date;
  paused_at: Date | null;
  statutory_working_ms: string;
  paused_working_ms: string;
  supplement_requests: number;
  late_for_reporting: boolean;
  finished_at: Date | null;
  on_time: boolean | null;
  due_soon_marked_at: Date | null;
  overdue_marked_at: Date | null;
  step_due_soon_marked_at: Date | null;
  step_overdue_marked_at: Date | null;
  apologies: ApologyForm[];
  stop_notice: StopNotice | null;
  /** Set by issue_result: the result was issued as an electronic document. */
  electronic_result: boolean | null;
  /** Generated from the applicant; null for an organisation. */
  applicant_id_number: string | null;
  /** Set on an online dossier not filed by the applicant as proven. */
  representative_subject: string | null;
  representative_username: string | null;
  representative_id_number: string | null;
}

export const CHANNEL_BY_CODE = Object.fromEntries(Object.entries(DOSSIER_CHANNELS).map(([name, code]) => [code, name])) as Record<
  number,
  DossierChannel
>;

/**
 * Loads a dossier the caller may read. One the caller may not read answers as
 * one that does not exist, so codes of other units cannot be probed.
 */
export async function loadVisibleDossier(
  manager: EntityManager,
  ref: { dossierId?: string; code?: string },
  principal: Principal,
  lock = false,
): Promise<DossierRow> {
  const where = ref.dossierId ? 'id = $1' : 'code = $1';
  const rows: DossierRow[] = await manager.query(`SELECT * FROM dossiers WHERE ${where}${lock ? ' FOR UPDATE' : ''}`, [
    ref.dossierId ?? ref.code,
  ]);
  const row = rows[0];
  if (!row || !(canRead(principal, row) || (await readsAsAgency(manager, principal, row.id)))) {
    throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ (hoặc hồ sơ không thuộc phạm vi của bạn).');
  }
  return row;
}

/** A dossier by id or code under lock, whoever asks: only for steps other services report through their events. */
export async function loadDossierForUpdate(manager: EntityManager, ref: { dossierId?: string; code?: string }): Promise<DossierRow> {
  const rows: DossierRow[] = await manager.query(`SELECT * FROM dossiers WHERE ${ref.dossierId ? 'id = $1' : 'code = $1'} FOR UPDATE`, [ref.dossierId ?? ref.code]);
  if (!rows[0]) throw new AppError('NOT_FOUND', 'Không tìm thấy hồ sơ.');
  return rows[0];
}

export const canRead = (principal: Principal, row: DossierRow): boolean =>
  isAllowed(principal, 'dossier.read', { unitPath: row.receiving_unit_path, ownerSubject: citizenOwns(principal, row) ? principal.subject : undefined }) ||
  isAllowed(principal, 'dossier.read', { unitPath: row.competent_unit_path });

/**
 * A citizen's own dossiers are decided on the proven ID number alone: those
 * filed for it, and those the account filed for others while it stood proven
 * as that same number. An account that proved nothing reads none (it tracks
 * by code and token), and what it filed before a proof is not shown to whoever
 * proves the number later.
 */
export const citizenOwns = (principal: Principal, row: DossierRow): boolean => {
  const verified = principal.verifiedIdNumber;
  if (principal.kind !== 'citizen' || verified === undefined) return false;
  return row.applicant_id_number === verified || (row.representative_subject === principal.subject && row.representative_id_number === verified);
};

/** Staff of a liên thông agency see the dossier once their part has been handed to them. */
async function readsAsAgency(manager: EntityManager, principal: Principal, dossierId: string): Promise<boolean> {
  if (principal.kind !== 'staff') return false;
  const parts: { unit_path: string }[] = await manager.query(
    "SELECT unit_path FROM dossier_sub_handlings WHERE dossier_id = $1 AND state <> 'pending'",
    [dossierId],
  );
  return parts.some((part) => isAllowed(principal, 'dossier.read', { unitPath: part.unit_path }));
}

export function toDossierView(row: DossierRow, subHandlings: SubHandlingView[] = []): DossierView {
  const step = ['returned', 'refused', 'withdrawn', 'stopped'].includes(row.state) ? null : (row.workflow[row.step_index] ?? null);
  return {
    id: row.id,
    code: row.code,
    formRegime: formRegimeOf(row.received_at),
    procedure: { code: row.procedure_code, version: row.procedure_version, name: row.procedure_name },
    channel: CHANNEL_BY_CODE[row.channel] ?? 'counter',
    channelCode: row.channel,
    receivingUnitCode: row.receiving_unit_code,
    competentUnitCode: row.competent_unit_code,
    applicant: row.applicant,
    components: row.components.map(({ digitised = false, reusedFromStore = false, ...component }) => ({ ...component, digitised, reusedFromStore })),
    state: row.state,
    stateLabel: DOSSIER_STATE_LABELS[row.state],
    currentStep: step,
    stepDueAt: step && row.step_due_at ? new Date(row.step_due_at).toISOString() : null,
    workflow: row.workflow,
    receivedAt: new Date(row.received_at).toISOString(),
    dueAt: new Date(row.due_at).toISOString(),
    dueAtDisplay: displayInstant(row.due_at),
    supplementRequests: row.supplement_requests,
    lateForReporting: row.late_for_reporting,
    finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
    onTime: row.on_time,
    returnMethod: row.return_method,
    apologies: row.apologies ?? [],
    stopNotice: row.stop_notice ?? null,
    subHandlings,
    representative: row.representative_username
      ? { username: row.representative_username, verifiedIdNumber: row.representative_id_number, onBehalfOf: row.applicant_id_number }
      : null,
  };
}

/** The fields every dossier event carries, as the dossier stands when the event is written. */
export const eventBase = (row: DossierRow, now: Date, actor: string) => ({
  dossierId: row.id,
  code: row.code,
  procedureCode: row.procedure_code,
  receivingUnitCode: row.receiving_unit_code,
  competentUnitCode: row.competent_unit_code,
  state: row.state,
  step: row.workflow[row.step_index]?.key ?? null,
  dueAt: new Date(row.due_at).toISOString(),
  occurredAt: now.toISOString(),
  actor,
});
