import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AppError,
  dossierApprovedV1,
  dossierHandedOverV1,
  dossierRefusedV1,
  dossierResultIssuedV1,
  dossierReturnedV1,
  dossierStoppedV1,
  dossierSubHandlingStartedV1,
  dossierSupplementReceivedV1,
  dossierSupplementRequestedV1,
  dossierWithdrawnV1,
  dossierApologisedV1,
  dossierExtendedV1,
  dossierPostalReturnRequestedV1,
  type ApologyForm,
  type StopNotice,
  type DossierActionRequest,
  type DossierState,
  type DossierView,
  type StepView,
  FORM_TITLES,
  formRegimeOf,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { extendBy, extendForPauses, workingTimeBetween, type WorkingCalendar } from '@mc/working-calendar';
import { CALENDAR_SOURCE, type CalendarSource } from '../adapters/calendar-source';
import { CLOCK, type Clock } from '../clock';
import { stepDueAt, verdictOf } from './deadlines';
import { displayInstant } from './display';
import { checkExtensionCeiling } from './extension-ceiling';
import { postalRequest } from './postal';
import { eventBase, loadVisibleDossier, type DossierRow } from './dossier-row';
import { HistoryLog } from './history-log';
import { Idempotency } from './idempotency';
import { assignSubHandlings, dossierViewOf, loadSubHandlings, worstVerdict, type SubHandlingRow } from './sub-handlings';
import { authorise, FINAL_STATES } from './workflow';

type Headers = Record<string, string | undefined>;


/**
 * One step of a dossier's handling: checks the transition and the actor, then
 * changes the state, appends the history entry (a control-slip line when the
 * step changes) and emits the event, all in one transaction.
 */
@Injectable()
export class ActOnDossier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly history: HistoryLog,
    private readonly idempotency: Idempotency,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: DossierActionRequest, principal: Principal, headers: Headers = {}, idempotencyKey?: string): Promise<DossierView> {
    return this.dataSource.transaction((manager) =>
      this.idempotency.run(manager, { caller: principal.subject, key: idempotencyKey, operation: 'act', request: input }, () =>
        this.act(manager, input, principal, headers),
      ),
    );
  }

  private async act(manager: EntityManager, input: DossierActionRequest, principal: Principal, headers: Headers): Promise<DossierView> {
    const row = await loadVisibleDossier(manager, input, principal, true);
    const { rule, move, actingAs } = authorise(row, input.action, principal);
    if (rule.needsReason && !input.reason) {
      throw new AppError('VALIDATION_FAILED', 'Nhập lý do cho thao tác này.', { issues: [{ path: 'reason', message: 'Bắt buộc' }] });
    }
    const now = this.clock.now();
    if ((input.action === 'issue_result' || input.action === 'return_result') && now.getTime() > new Date(row.due_at).getTime()) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `Hồ sơ đã quá hạn trả kết quả (${displayInstant(row.due_at)}). Lãnh đạo cơ quan giải quyết cần lập văn bản xin lỗi và hẹn lại ngày trả (Mẫu 04) hoặc gia hạn theo quy định trước khi phát hành, trả kết quả.`,
        { state: row.state, step: row.workflow[row.step_index]?.key ?? null, action: input.action, dueAt: new Date(row.due_at).toISOString() },
      );
    }
    const calendar = await this.calendars.forUnit(row.receiving_unit_code, now, headers);
    const before = { state: row.state, step: row.workflow[row.step_index]?.key ?? null };
    const to: DossierState = rule.to === 'same' ? row.state : rule.to;
    const change: Partial<Record<string, unknown>> = { state: to };
    const details: Record<string, unknown> = {};
    let dueAt = new Date(row.due_at);

    const fromStep = row.workflow[row.step_index];
    const parts = await loadSubHandlings(manager, row.id);
    const waitedFor = move === 1 && fromStep ? parts.filter((part) => part.step_key === fromStep.key) : [];
    const unfinished = waitedFor.filter((part) => part.state !== 'done');
    if (unfinished.length) {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `Chưa thể chuyển bước "${fromStep?.name}": còn chờ kết quả liên thông của ${unfinished.map((part) => part.unit_code).join(', ')}.`,
        { state: row.state, step: fromStep?.key ?? null, action: input.action, waitingFor: unfinished.map((part) => part.unit_code) },
      );
    }
    let assigned: SubHandlingRow[] = [];
    if (move !== 0) {
      const toIndex = row.step_index + move;
      // authorise() has checked that the step moved to exists.
      const toStep = row.workflow[toIndex] as StepView;
      const ownVerdict = verdictOf(now, row.step_due_at ? new Date(row.step_due_at) : null);
      // A step that waited for other agencies is as late as the slowest of them.
      const verdict = worstVerdict([ownVerdict, ...waitedFor.map((part) => part.verdict)]);
      const nextDue = stepDueAt(now, Number(row.statutory_working_ms), toStep.sharePercent, calendar);
      Object.assign(change, {
        step_index: toIndex,
        step_started_at: now,
        step_due_at: nextDue,
        step_due_soon_marked_at: null,
        step_overdue_marked_at: null,
      });
      Object.assign(details, {
        fromStep: fromStep?.key ?? null,
        toStep: toStep.key,
        fromStepName: fromStep?.name ?? null,
        toStepName: toStep.name,
        stepDueAt: row.step_due_at ? new Date(row.step_due_at).toISOString() : null,
        verdict,
        nextStepDueAt: nextDue.toISOString(),
        ...(waitedFor.length ? { ownVerdict } : {}),
      });
      assigned = await assignSubHandlings(manager, row.id, toStep, Number(row.statutory_working_ms), now, calendar);
    }

    if (input.action === 'request_supplement') {
      const count = row.supplement_requests + 1;
      // One request is the rule; a second is allowed but the dossier then counts as late (QĐ 766).
      Object.assign(change, { paused_at: now, supplement_requests: count, late_for_reporting: row.late_for_reporting || count > 1 });
      Object.assign(details, { requestCount: count, missing: input.missing ?? [] });
    }
    if (input.action === 'receive_supplement') {
      // Only a dossier awaiting a supplement gets here, and that state always carries its pause start.
      const pausedAt = new Date(row.paused_at ?? now);
      const pausedMs = workingTimeBetween(pausedAt, now, calendar);
      dueAt = extendForPauses(dueAt, [{ start: pausedAt, end: now }], calendar);
      const stepDue = row.step_due_at ? extendForPauses(new Date(row.step_due_at), [{ start: pausedAt, end: now }], calendar) : null;
      Object.assign(change, {
        paused_at: null,
        paused_working_ms: Number(row.paused_working_ms) + pausedMs,
        due_at: dueAt,
        step_due_at: stepDue,
      });
      Object.assign(details, { pausedWorkingMilliseconds: pausedMs, dueAt: dueAt.toISOString(), stepDueAt: stepDue?.toISOString() ?? null });
      // The agencies waited for the citizen as well: their due instants move by the same office time.
      for (const part of parts.filter((candidate) => candidate.due_at && ['assigned', 'in_progress'].includes(candidate.state))) {
        const moved = extendForPauses(new Date(part.due_at as Date), [{ start: pausedAt, end: now }], calendar);
        await manager.query('UPDATE dossier_sub_handlings SET due_at = $3 WHERE dossier_id = $1 AND unit_code = $2', [row.id, part.unit_code, moved]);
      }
    }
    if (input.action === 'extend') await checkExtensionCeiling(manager, row);
    if (input.action === 'apologise' || input.action === 'extend') {
      dueAt = this.newAppointment(input, row, now, calendar);
      // A new due instant is marked afresh: it may come near and pass again.
      Object.assign(change, { due_at: dueAt, due_soon_marked_at: null, overdue_marked_at: null });
      Object.assign(details, { previousDueAt: new Date(row.due_at).toISOString(), dueAt: dueAt.toISOString() });
      if (input.action === 'apologise') {
        const apology: ApologyForm = {
          form: 'mau-04',
          title: FORM_TITLES[formRegimeOf(row.received_at)].apology,
          code: row.code,
          applicant: row.applicant,
          procedure: { code: row.procedure_code, version: row.procedure_version, name: row.procedure_name },
          originalDueAt: new Date(row.due_at).toISOString(),
          originalDueAtDisplay: displayInstant(row.due_at),
          reason: input.reason ?? '',
          newDueAt: dueAt.toISOString(),
          newDueAtDisplay: displayInstant(dueAt),
          signedBy: principal.username,
          signerUnitCode: actingAs.unit,
          signedAt: now.toISOString(),
        };
        // Missing the appointment made on the receipt is late, whatever the apology says.
        Object.assign(change, { apologies: JSON.stringify([...(row.apologies ?? []), apology]), late_for_reporting: true });
        Object.assign(details, { apology });
      } else {
        Object.assign(details, { extendBy: input.extendBy });
      }
    }
    if (input.action === 'stop') {
      const notice: StopNotice = {
        form: 'mau-05',
        title: FORM_TITLES[formRegimeOf(row.received_at)].stop ?? 'Thông báo dừng giải quyết hồ sơ',
        code: row.code,
        applicant: row.applicant,
        procedure: { code: row.procedure_code, version: row.procedure_version, name: row.procedure_name },
        reason: input.reason ?? '',
        signedBy: principal.username,
        signerUnitCode: actingAs.unit,
        signedAt: now.toISOString(),
        signedAtDisplay: displayInstant(now),
      };
      change.stop_notice = JSON.stringify(notice);
      Object.assign(details, { stopNotice: notice });
    }
    if (FINAL_STATES.includes(to)) {
      // A dossier still waiting for a supplement when it ends: the wait did not count against the agency.
      if (row.paused_at) {
        dueAt = extendForPauses(dueAt, [{ start: new Date(row.paused_at), end: now }], calendar);
        Object.assign(change, { paused_at: null, due_at: dueAt });
      }
      const onTime = !row.late_for_reporting && now.getTime() <= dueAt.getTime();
      Object.assign(change, { finished_at: now, on_time: onTime });
      Object.assign(details, { onTime });
    }
    if (input.action === 'return_result' && input.returnMethod) change.return_method = input.returnMethod;
    if (input.action === 'issue_result') {
      // A result returned electronically is an electronic document unless the request says otherwise.
      const electronicResult = input.electronicResult ?? row.return_method === 'electronic';
      change.electronic_result = electronicResult;
      details.electronicResult = electronicResult;
    }

    const updated = await this.update(manager, row.id, change);
    await this.history.append(manager, {
      dossierId: row.id,
      at: now.toISOString(),
      actor: { subject: principal.subject, username: principal.username, ...actingAs },
      action: input.action,
      reason: input.reason ?? null,
      before,
      after: { state: to, step: updated.workflow[updated.step_index]?.key ?? null },
      details,
    });
    await this.emit(manager, input, updated, principal, now, details);
    for (const part of assigned) {
      await this.history.append(manager, {
        dossierId: row.id,
        at: now.toISOString(),
        actor: { subject: principal.subject, username: principal.username, ...actingAs },
        action: 'sub_handling_assign',
        reason: null,
        before: { state: to, step: part.step_key },
        after: { state: to, step: part.step_key },
        details: {
          fromStep: part.step_key,
          toStep: `lien-thong:${part.unit_code}`,
          toStepName: `Liên thông: ${part.unit_code}`,
          stepDueAt: null,
          verdict: null,
          nextStepDueAt: new Date(part.due_at as Date).toISOString(),
          direction: part.direction,
          sharePercent: Number(part.share_percent),
        },
      });
      await this.outbox.add(manager, dossierSubHandlingStartedV1, {
        dossierId: updated.id,
        code: updated.code,
        procedureCode: updated.procedure_code,
        receivingUnitCode: updated.receiving_unit_code,
        competentUnitCode: updated.competent_unit_code,
        state: updated.state,
        step: part.step_key,
        dueAt: new Date(updated.due_at).toISOString(),
        occurredAt: now.toISOString(),
        actor: principal.username,
        agencyUnitCode: part.unit_code,
        direction: part.direction,
        subHandlingDueAt: new Date(part.due_at as Date).toISOString(),
      });
    }
    return dossierViewOf(manager, updated);
  }

  /** The new due instant of an apology or an extension; it must be later than the one it replaces and than now. */
  private newAppointment(input: DossierActionRequest, row: DossierRow, now: Date, calendar: WorkingCalendar): Date {
    const invalid = (message: string, path: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });
    let next: Date;
    if (input.action === 'apologise') {
      if (!input.newDueAt) throw invalid('Nhập ngày hẹn trả kết quả mới (newDueAt).', 'newDueAt');
      next = new Date(input.newDueAt);
    } else {
      if (!input.extendBy) throw invalid('Nhập thời gian gia hạn (extendBy).', 'extendBy');
      next = extendBy(new Date(row.due_at), input.extendBy, calendar);
    }
    if (next.getTime() <= Math.max(now.getTime(), new Date(row.due_at).getTime())) {
      throw invalid(`Ngày hẹn mới phải sau hạn hiện tại (${displayInstant(row.due_at)}) và sau thời điểm hiện tại.`, input.action === 'apologise' ? 'newDueAt' : 'extendBy');
    }
    return next;
  }

  private async update(manager: EntityManager, id: string, change: Partial<Record<string, unknown>>): Promise<DossierRow> {
    const columns = Object.keys(change);
    const assignments = columns.map((column, index) => `${column} = $${index + 2}`).join(', ');
    const [rows]: [DossierRow[], number] = await manager.query(
      `UPDATE dossiers SET ${assignments}, updated_at = now() WHERE id = $1 RETURNING *`,
      [id, ...columns.map((column) => change[column])],
    );
    return rows[0] as DossierRow;
  }

  private async emit(
    manager: EntityManager,
    input: DossierActionRequest,
    row: DossierRow,
    principal: Principal,
    now: Date,
    details: Record<string, unknown>,
  ): Promise<void> {
    const base = eventBase(row, now, principal.username);
    const finished = { ...base, onTime: row.on_time ?? false, lateForReporting: row.late_for_reporting };
    const reason = input.reason ?? '';
    const handedOver = {
      ...base,
      fromStep: (details.fromStep as string | null) ?? null,
      toStep: (details.toStep as string | null) ?? null,
      verdict: (details.verdict as 'early' | 'on_time' | 'late' | null) ?? null,
    };
    switch (input.action) {
      case 'hand_over':
      case 'send_back':
        return void (await this.outbox.add(manager, dossierHandedOverV1, handedOver));
      case 'request_supplement':
        return void (await this.outbox.add(manager, dossierSupplementRequestedV1, {
          ...base,
          reason,
          requestCount: row.supplement_requests,
          lateForReporting: row.late_for_reporting,
        }));
      case 'receive_supplement':
        return void (await this.outbox.add(manager, dossierSupplementReceivedV1, {
          ...base,
          pausedWorkingMilliseconds: Number(details.pausedWorkingMilliseconds ?? 0),
        }));
      case 'approve':
        await this.outbox.add(manager, dossierApprovedV1, base);
        return void (await this.outbox.add(manager, dossierHandedOverV1, handedOver));
      case 'refuse':
        return void (await this.outbox.add(manager, dossierRefusedV1, { ...finished, reason }));
      case 'issue_result':
        await this.outbox.add(manager, dossierResultIssuedV1, { ...base, electronicResult: row.electronic_result ?? false });
        if (row.return_method === 'post') await this.outbox.add(manager, dossierPostalReturnRequestedV1, postalRequest(row, base, row.return_address));
        return;
      case 'apologise':
        return void (await this.outbox.add(manager, dossierApologisedV1, {
          ...base,
          originalDueAt: String(details.previousDueAt),
          newDueAt: base.dueAt,
          reason,
          signer: principal.username,
        }));
      case 'extend':
        return void (await this.outbox.add(manager, dossierExtendedV1, {
          ...base,
          previousDueAt: String(details.previousDueAt),
          // newAppointment() refused an extension without its length.
          extendBy: input.extendBy as { value: number; unit: string },
          reason,
          approver: principal.username,
        }));
      case 'return_result':
        return void (await this.outbox.add(manager, dossierReturnedV1, { ...finished, returnMethod: row.return_method }));
      case 'withdraw':
        return void (await this.outbox.add(manager, dossierWithdrawnV1, { ...finished, reason }));
      case 'stop':
        return void (await this.outbox.add(manager, dossierStoppedV1, { ...finished, reason }));
    }
  }
}
