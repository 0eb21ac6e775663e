import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AppError,
  DOSSIER_CHANNELS,
  dossierPostalOrderReceivedV1,
  dossierPostalPickupRequestedV1,
  dossierReceivedV1,
  type Applicant,
  type ProcedureVersionView,
  type ReceiptForm,
  type ReceiveDossierRequest,
  type ReceiveDossierResult,
  type RefusalForm,
  type StepView,
  type SubmittedComponentView,
  type SupplementRequestForm,
} from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { queryPrepared } from '@mc/persistence';
import { dueAt, workingTimeBetween, type WorkingCalendar } from '@mc/working-calendar';
import { CALENDAR_SOURCE, type CalendarSource } from '../adapters/calendar-source';
import { PROCEDURE_CATALOG, type ProcedureCatalog } from '../adapters/procedure-catalog';
import { UNIT_DIRECTORY, type UnitDirectory } from '../adapters/unit-directory';
import { CLOCK, type Clock } from '../clock';
import { checkCompetentLevel } from './competent-level';
import { postalRequest } from '../dossiers/postal';
import { stepDueAt } from '../deadlines/deadlines';
import { displayDuration, displayInstant, vietnamDayCode } from '../dossiers/display';
import { toDossierView, type DossierRow } from '../dossiers/dossier-row';
import { HistoryLog } from '../history/history-log';
import { Idempotency } from '../dossiers/idempotency';
import { insertSubHandlings, loadSubHandlings, planSubHandlings, toSubHandlingView, type PlannedSubHandling } from '../inter-agency/sub-handlings';

interface Receiver {
  unitCode: string;
  unitPath: string;
  ownerSubject: string | null;
  actingAs: { role: string; unit: string };
  representative: { subject: string; username: string; verifiedIdNumber: string | null } | null;
}

// Vietnamese has no casing rules of its own (only Turkish, Azeri and Lithuanian do), so the root locale's lower case is
// the same and costs a fraction of a locale-aware one: this runs for every component of every submission.
const normalise = (name: string) => name.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ');
/** What Mẫu 02 and Mẫu 03 share: which procedure, for whom, issued when and by whom. */
const intakeFormHeader = (input: ReceiveDossierRequest, version: ProcedureVersionView, principal: Principal, now: Date) => ({
  recordId: randomUUID(),
  procedure: { code: version.code, version: version.version, name: version.name },
  applicant: input.applicant,
  issuedAt: now.toISOString(),
  issuedAtDisplay: displayInstant(now),
  issuedBy: principal.username,
});

const applicantName = (applicant: Applicant) => (applicant.kind === 'individual' ? applicant.fullName : applicant.name);

/**
 * Receives a dossier at a counter, online or through the post, checked against
 * the procedure version in force: accepted (registered, numbered, Mẫu 01),
 * incomplete (one list of everything missing, Mẫu 02) or refused (Mẫu 03).
 * Only an accepted dossier takes a number.
 */
@Injectable()
export class ReceiveDossier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly history: HistoryLog,
    private readonly idempotency: Idempotency,
    @Inject(PROCEDURE_CATALOG) private readonly catalog: ProcedureCatalog,
    @Inject(CALENDAR_SOURCE) private readonly calendars: CalendarSource,
    @Inject(UNIT_DIRECTORY) private readonly units: UnitDirectory,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * `postalOrder`: the post has already collected the dossier on the citizen's
   * order and handed it to the counter; the receipt names that order, the
   * citizen who placed it reads the dossier, and no pickup is asked for.
   */
  async execute(
    input: ReceiveDossierRequest,
    principal: Principal,
    idempotencyKey?: string,
    postalOrder?: { orderId: string; ownerSubject: string | null },
  ): Promise<ReceiveDossierResult> {
    const receiver = { ...(await this.receiver(input, principal)), ...(postalOrder ? { ownerSubject: postalOrder.ownerSubject } : {}) };
    const competentUnitCode = input.competentUnitCode ?? receiver.unitCode;
    const competentPath = competentUnitCode === receiver.unitCode ? receiver.unitPath : await this.units.pathOf(competentUnitCode);
    const now = this.clock.now();
    const version = await this.catalog.versionInForce(input.procedureCode, now);
    this.checkChannel(input, version);
    checkCompetentLevel(version, { code: competentUnitCode, path: competentPath });
    const calendar = await this.calendars.forUnit(receiver.unitCode, now);
    const subHandlings = await this.planInterAgency(input, version, { code: competentUnitCode, path: competentPath });

    const work = (manager: EntityManager) =>
      this.idempotency.run(manager, { caller: principal.subject, key: idempotencyKey, operation: 'receive', request: input }, async () => {
        if (input.refusalReason) return this.refuse(manager, input, input.refusalReason, version, principal, now);
        const missing = this.missingComponents(input, version);
        if (missing.length) return this.incomplete(manager, input, version, missing, principal, now);
        return this.accept(manager, input, version, { ...receiver, competentUnitCode, competentPath }, calendar, principal, now, subHandlings, postalOrder?.orderId);
      });
    // Without a key to claim, liên thông parts or a pickup to ask for, a receipt writes one statement, which is atomic
    // on its own: BEGIN and COMMIT around it would only add two round trips to the busiest request.
    const oneStatement = !idempotencyKey && subHandlings.length === 0 && !(input.channel === 'postal' && !postalOrder);
    return oneStatement ? work(this.dataSource.manager) : this.dataSource.transaction(work);
  }

  private async receiver(input: ReceiveDossierRequest, principal: Principal): Promise<Receiver> {
    if (input.channel === 'counter') {
      const clerkGrants = principal.roles.filter((grant) => isAllowed({ ...principal, roles: [grant] }, 'dossier.receive', { unitPath: grant.path }));
      const own = clerkGrants.find((grant) => input.receivingUnitCode === undefined || grant.unit === input.receivingUnitCode);
      const unitCode = input.receivingUnitCode ?? own?.unit;
      if (!unitCode) throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận của Bộ phận Một cửa được tiếp nhận hồ sơ trực tiếp.');
      const unitPath = own ? own.path : await this.units.pathOf(unitCode);
      const grant = clerkGrants.find((candidate) => unitPath.startsWith(candidate.path));
      if (!grant) throw new AppError('FORBIDDEN', `Bạn không có quyền tiếp nhận hồ sơ tại đơn vị ${unitCode}.`);
      return { unitCode, unitPath, ownerSubject: null, actingAs: { role: grant.role, unit: grant.unit }, representative: null };
    }
    if (!input.receivingUnitCode) {
      throw new AppError('VALIDATION_FAILED', 'Chọn nơi tiếp nhận hồ sơ (receivingUnitCode).', { issues: [{ path: 'receivingUnitCode', message: 'Bắt buộc' }] });
    }
    if (input.channel === 'online') {
      if (principal.kind !== 'citizen') throw new AppError('FORBIDDEN', 'Hồ sơ trực tuyến do công dân tự nộp bằng tài khoản của mình.');
      const unitPath = await this.units.pathOf(input.receivingUnitCode);
      // Filing for the number the account proved is filing as the applicant; anything else is filing for someone.
      const verified = principal.verifiedIdNumber;
      const asApplicant = verified !== undefined && input.applicant.kind === 'individual' && input.applicant.idNumber === verified;
      return {
        unitCode: input.receivingUnitCode,
        unitPath,
        ownerSubject: principal.subject,
        actingAs: { role: 'citizen', unit: '' },
        representative: asApplicant ? null : { subject: principal.subject, username: principal.username, verifiedIdNumber: verified ?? null },
      };
    }
    if (!isAllowed(principal, 'postal.update', {})) {
      throw new AppError('FORBIDDEN', 'Chỉ đơn vị bưu chính công ích được nộp hồ sơ thay công dân qua đường bưu chính.');
    }
    const unitPath = await this.units.pathOf(input.receivingUnitCode);
    return {
      unitCode: input.receivingUnitCode,
      unitPath,
      ownerSubject: null,
      actingAs: { role: 'postal_client', unit: principal.roles[0]?.unit ?? '' },
      representative: null,
    };
  }

  private async planInterAgency(
    input: ReceiveDossierRequest,
    version: ProcedureVersionView,
    competent: { code: string; path: string },
  ): Promise<PlannedSubHandling[]> {
    if (!input.interAgency || input.refusalReason) return [];
    const paths: Record<string, string> = {};
    for (const agency of input.interAgency.agencies) paths[agency.unitCode] = await this.units.pathOf(agency.unitCode);
    return planSubHandlings(input.interAgency, version.workflow, competent, paths);
  }

  private checkChannel(input: ReceiveDossierRequest, version: ProcedureVersionView): void {
    const offered =
      input.channel === 'counter' ? version.channels.counter : input.channel === 'online' ? version.channels.online !== 'none' : version.channels.postalPickup;
    if (!offered) {
      const how = { counter: 'trực tiếp tại Bộ phận Một cửa', online: 'trực tuyến', postal: 'qua bưu chính' }[input.channel];
      throw new AppError('VALIDATION_FAILED', `Thủ tục "${version.name}" không tiếp nhận hồ sơ ${how}.`);
    }
    if (input.returnMethod === 'post' && !version.channels.postalReturn) {
      throw new AppError('VALIDATION_FAILED', `Thủ tục "${version.name}" không trả kết quả qua bưu chính.`);
    }
    if (input.returnMethod === 'post' && !input.returnAddress) {
      throw new AppError('VALIDATION_FAILED', 'Nhập địa chỉ nhận kết quả qua bưu chính (returnAddress).');
    }
  }

  /** Components without a condition are required of everyone; conditional ones are the clerk's judgement. */
  private missingComponents(input: ReceiveDossierRequest, version: ProcedureVersionView): string[] {
    const submitted = new Set(input.components.map((component) => normalise(component.name)));
    return version.components.filter((component) => !component.condition && !submitted.has(normalise(component.name))).map((component) => component.name);
  }

  private async refuse(
    manager: EntityManager,
    input: ReceiveDossierRequest,
    reason: string,
    version: ProcedureVersionView,
    principal: Principal,
    now: Date,
  ) {
    const notice: RefusalForm = { form: 'mau-03', ...intakeFormHeader(input, version, principal, now), reason };
    await this.record(manager, 'refused', input, notice, principal, now);
    return { outcome: 'refused' as const, notice };
  }

  private async incomplete(
    manager: EntityManager,
    input: ReceiveDossierRequest,
    version: ProcedureVersionView,
    missing: string[],
    principal: Principal,
    now: Date,
  ) {
    const request: SupplementRequestForm = {
      form: 'mau-02',
      ...intakeFormHeader(input, version, principal, now),
      missing,
      reason: `Hồ sơ còn thiếu ${missing.length} thành phần theo quy định của thủ tục.`,
      guidance: `Đề nghị ${applicantName(input.applicant)} bổ sung đầy đủ các thành phần nêu trên rồi nộp lại hồ sơ.`,
    };
    await this.record(manager, 'incomplete', input, request, principal, now);
    return { outcome: 'incomplete' as const, request };
  }

  private async record(
    manager: EntityManager,
    kind: 'incomplete' | 'refused',
    input: ReceiveDossierRequest,
    form: SupplementRequestForm | RefusalForm,
    principal: Principal,
    now: Date,
  ): Promise<void> {
    await manager.query(
      'INSERT INTO intake_records (id, kind, receiving_unit_code, procedure_code, form, recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [form.recordId, kind, input.receivingUnitCode ?? principal.roles[0]?.unit ?? '', input.procedureCode, JSON.stringify(form), principal.username, now],
    );
  }

  private async accept(
    manager: EntityManager,
    input: ReceiveDossierRequest,
    version: ProcedureVersionView,
    receiver: Receiver & { competentUnitCode: string; competentPath: string },
    calendar: WorkingCalendar,
    principal: Principal,
    now: Date,
    subHandlings: PlannedSubHandling[],
    postalOrderId: string | undefined,
  ) {
    const { competentUnitCode, competentPath } = receiver;
    const due = dueAt(now, { value: version.processingTime.value, unit: version.processingTime.unit }, calendar);
    const statutoryMs = Math.max(workingTimeBetween(now, due, calendar), 0);
    const workflow = version.workflow.map(({ key, kind, name, role, sharePercent }) => ({ key, kind, name, role, sharePercent }));
    // The catalog guarantees a workflow starts with its reception step.
    const [firstStep] = workflow as [StepView, ...StepView[]];
    const firstStepDue = stepDueAt(now, statutoryMs, firstStep.sharePercent, calendar);

    const { day, yymmdd } = vietnamDayCode(now);
    const token = randomBytes(18).toString('base64url');
    const id = randomUUID();
    const components: SubmittedComponentView[] = input.components.map(({ name, copyType, quantity, digitised, reusedFromStore }) => ({
      name,
      copyType,
      quantity,
      digitised,
      reusedFromStore,
    }));
    const history = this.history.next(null, {
      dossierId: id,
      at: now.toISOString(),
      actor: { subject: principal.subject, username: principal.username, ...receiver.actingAs },
      action: 'receive',
      reason: null,
      before: { state: null, step: null },
      after: { state: 'in_progress', step: firstStep.key },
      details: {
        channelCode: DOSSIER_CHANNELS[input.channel],
        dueAt: due.toISOString(),
        stepDueAt: firstStepDue.toISOString(),
        ...(subHandlings.length ? { interAgency: subHandlings.map(({ unitCode, stepKey, sharePercent }) => ({ unitCode, stepKey, sharePercent })) } : {}),
      },
    });
    // The number is taken by the statement below; the event is checked with a number of the same form and gets the real one there.
    const received = {
      dossierId: id,
      code: `${receiver.unitCode}-${yymmdd}-0000`,
      procedureCode: version.code,
      procedureVersion: version.version,
      receivingUnitCode: receiver.unitCode,
      competentUnitCode,
      state: 'in_progress' as const,
      step: firstStep.key,
      dueAt: due.toISOString(),
      occurredAt: now.toISOString(),
      receivedAt: now.toISOString(),
      channelCode: DOSSIER_CHANNELS[input.channel],
      actor: principal.username,
      procedureName: version.name,
      fieldCode: version.field,
      applicantName: applicantName(input.applicant),
      returnMethod: input.returnMethod,
      components: {
        total: components.length,
        digitised: components.filter((component) => component.digitised).length,
        reused: components.filter((component) => component.reusedFromStore).length,
      },
      ...(postalOrderId ? { postalOrderId } : {}),
      // The phone and e-mail leave this service only with the applicant's consent to be notified on them.
      ...(input.notifications?.consent
        ? {
            contact: { phone: input.applicant.phone ?? null, email: input.applicant.email ?? null, channels: input.notifications.channels, consent: true },
            trackingPath: '',
          }
        : {}),
    };
    // The unit's gapless day number, the dossier, its first history entry and its event in one
    // statement: the counter row, which every receipt of the unit that day waits for, stays
    // locked from here to the commit, not across one round trip per row. Prepared (a few texts: with
    // and without the tracking path or the postal order's event), so Postgres does not parse and plan four inserts per receipt.
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const receivedEvent = this.outbox.insertStatement(dossierReceivedV1, received, bind, {
      from: 'dossier',
      fields: {
        code: 'dossier.code',
        ...(received.trackingPath === undefined ? {} : { trackingPath: `'/api/v1/tracking/' || dossier.code || '?token=' || dossier.tracking_token` }),
      },
    });
    // Only the post reads this one, so that it need not consume every receipt to find the few that name its order.
    const postalOrderEvent = postalOrderId
      ? this.outbox.insertStatement(
          dossierPostalOrderReceivedV1,
          {
            dossierId: id,
            code: received.code,
            procedureCode: version.code,
            receivingUnitCode: receiver.unitCode,
            competentUnitCode,
            state: 'in_progress' as const,
            step: firstStep.key,
            dueAt: received.dueAt,
            occurredAt: received.occurredAt,
            actor: principal.username,
            postalOrderId,
          },
          bind,
          { from: 'dossier', fields: { code: 'dossier.code' }, after: 'event' },
        )
      : undefined;
    const unit = bind(receiver.unitCode);
    const receivedAt = bind(now);
    const [row] = (await queryPrepared<DossierRow>(
      manager,
      `WITH counter AS (
         INSERT INTO daily_counters (unit_code, day, last) VALUES (${unit}, ${bind(day)}, 1)
         ON CONFLICT (unit_code, day) DO UPDATE SET last = daily_counters.last + 1 RETURNING last),
       dossier AS (
         INSERT INTO dossiers (id, code, tracking_token, procedure_code, procedure_version, procedure_name, processing_time, workflow, channel,
           receiving_unit_code, receiving_unit_path, competent_unit_code, competent_unit_path, owner_subject, applicant, components,
           return_method, return_address, state, step_index, step_started_at, step_due_at, received_at, due_at, statutory_working_ms,
           representative_subject, representative_username, representative_id_number)
         SELECT ${bind(id)}, ${unit} || '-' || ${bind(yymmdd)} || '-' || lpad(counter.last::text, greatest(4, length(counter.last::text)), '0'),
                ${bind(token)}, ${bind(version.code)}, ${bind(version.version)}, ${bind(version.name)}, ${bind(JSON.stringify(version.processingTime))},
                ${bind(JSON.stringify(workflow))}, ${bind(DOSSIER_CHANNELS[input.channel])}, ${unit}, ${bind(receiver.unitPath)}, ${bind(competentUnitCode)},
                ${bind(competentPath)}, ${bind(receiver.ownerSubject)}, ${bind(JSON.stringify(input.applicant))}, ${bind(JSON.stringify(components))},
                ${bind(input.returnMethod)}, ${bind(input.returnAddress ?? null)}, 'in_progress', 0, ${receivedAt}, ${bind(firstStepDue)}, ${receivedAt},
                ${bind(due)}, ${bind(statutoryMs)}, ${bind(receiver.representative?.subject ?? null)}, ${bind(receiver.representative?.username ?? null)},
                ${bind(receiver.representative?.verifiedIdNumber ?? null)}
           FROM counter
         RETURNING *),
       history AS (
         INSERT INTO dossier_history (dossier_id, seq, entry, prev_hash, hash)
         SELECT dossier.id, ${bind(history.seq)}, ${bind(JSON.stringify(history.entry))}, ${bind(history.prev_hash)}, ${bind(history.hash)} FROM dossier),
       event AS (${receivedEvent})${postalOrderEvent ? `,
       postal_order_event AS (${postalOrderEvent})` : ''}
       SELECT * FROM dossier`,
      params,
    )) as [DossierRow];
    const { code } = row;
    await insertSubHandlings(manager, id, subHandlings);
    if (input.channel === 'postal' && !postalOrderId) {
      // The postal client files the dossier; the post still has to bring the paper set to the counter.
      await this.outbox.add(manager, dossierPostalPickupRequestedV1, {
        ...postalRequest(row, {
          dossierId: id,
          code,
          procedureCode: version.code,
          receivingUnitCode: receiver.unitCode,
          competentUnitCode,
          state: 'in_progress' as const,
          step: firstStep.key,
          dueAt: due.toISOString(),
          occurredAt: now.toISOString(),
          actor: principal.username,
        }, input.applicant.address ?? null),
      });
    }
    const receipt: ReceiptForm = {
      form: 'mau-01',
      code,
      applicant: input.applicant,
      procedure: { code: version.code, version: version.version, name: version.name },
      components,
      sets: input.sets,
      statutoryTime: {
        value: version.processingTime.value,
        unit: version.processingTime.unit,
        display: displayDuration(version.processingTime.value, version.processingTime.unit),
      },
      receivedAt: now.toISOString(),
      receivedAtDisplay: displayInstant(now),
      dueAt: due.toISOString(),
      dueAtDisplay: displayInstant(due),
      collectAt: {
        method: input.returnMethod,
        place:
          input.returnMethod === 'post'
            ? `Qua bưu chính: ${input.returnAddress}`
            : input.returnMethod === 'electronic'
              ? 'Kho dữ liệu điện tử của tổ chức, cá nhân trên Cổng Dịch vụ công'
              : `Bộ phận Một cửa nơi tiếp nhận (${receiver.unitCode})`,
      },
      receivingUnitCode: receiver.unitCode,
      receivedBy: principal.username,
      channelCode: DOSSIER_CHANNELS[input.channel],
      tracking: { code, token, path: `/api/v1/tracking/${encodeURIComponent(code)}?token=${token}` },
    };
    const parts = subHandlings.length ? await loadSubHandlings(manager, id) : [];
    return { outcome: 'accepted' as const, dossier: toDossierView(row, parts.map(toSubHandlingView)), receipt };
  }
}
