import { DataSource } from 'typeorm';
import {
  dossierActionRequestSchema,
  eventStreamName,
  parseInput,
  receiveDossierRequestSchema,
  subHandlingActionRequestSchema,
  type DossierAction,
  type EventEnvelope,
  type ReceiveDossierResult,
  type SubHandlingAction,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { waitFor } from '@mc/local-infra';
import { ActOnDossier } from '../src/handling/act-on-dossier';
import { ActOnSubHandling } from '../src/inter-agency/act-on-sub-handling';
import { GetDossier } from '../src/dossiers/get-dossier';
import { GetDossierHistory } from '../src/history/get-dossier-history';
import { ReceiveDossier } from '../src/receipt/receive-dossier';
import { CountWorkQueues } from '../src/work-queues/count-work-queues';
import { ListWorkQueue } from '../src/work-queues/list-work-queue';
import { clerical, clerk, counterSubmission, failure, leader, principal, PROVINCE_PROCEDURE_CODE, specialist, startDossier, type TestDossierService } from './support';

const taxOfficer = principal('canbo.thue', 'specialist', '20.THUE');
const landOfficer = principal('canbo.vpdkdd', 'specialist', '20.VPDKDD');
const policeOfficer = principal('canbo.ca', 'specialist', '20.CA');
const provinceClerical = principal('vanphong.tinh', 'clerical', '20');

describe('liên thông (one dossier, several agencies)', () => {
  let running: TestDossierService;
  const receive = async (body: Record<string, unknown>, who: Principal = clerk) =>
    running.service.app.get(ReceiveDossier).execute(parseInput(receiveDossierRequestSchema, body), who);
  const act = async (dossierId: string, action: DossierAction, who: Principal, extra: Record<string, unknown> = {}) =>
    running.service.app.get(ActOnDossier).execute(parseInput(dossierActionRequestSchema, { dossierId, action, ...extra }), who);
  const actOnPart = async (dossierId: string, unitCode: string, action: SubHandlingAction, who: Principal, extra: Record<string, unknown> = {}) =>
    running.service.app.get(ActOnSubHandling).execute(parseInput(subHandlingActionRequestSchema, { dossierId, unitCode, action, ...extra }), who);
  const accepted = (result: ReceiveDossierResult) => {
    if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${result.outcome}`);
    return result;
  };
  const at = (local: string) => new Date(`${local}+07:00`).toISOString();

  beforeAll(async () => {
    running = await startDossier();
  });
  afterAll(() => running?.close());

  it('completes a liên thông dossier across three agencies only when all three complete, its verdict following the slowest', async () => {
    /*
     * Calendar: Monday–Friday 07:30–11:30 and 13:30–17:00 (7.5 office hours a day).
     * Procedure: 3 working days; steps 10% / 10% / 50% / 20% / 10%.
     * Received Monday 06/04/2026 07:30: due 17:00 Thursday 09/04; statutory office
     * time 7.5 h × 4 = 30 h. The appraisal (50% = 15 h) waits for tax 20%, land
     * registry 50% and police 30% of it: 3 h, 7.5 h and 4.5 h, side by side.
     */
    running.clock.set(at('2026-04-06T07:30:00'));
    const { dossier } = accepted(
      await receive(
        counterSubmission({
          interAgency: {
            agencies: [
              { unitCode: '20.THUE', sharePercent: 20 },
              { unitCode: '20.VPDKDD', sharePercent: 50 },
              { unitCode: '20.CA', sharePercent: 30 },
            ],
          },
        }),
      ),
    );
    expect(dossier.dueAt).toBe(at('2026-04-09T17:00:00'));
    expect(dossier.subHandlings?.map((part) => [part.unitCode, part.step, part.state, part.direction])).toEqual([
      ['20.THUE', 'tham-dinh', 'pending', 'horizontal'],
      ['20.VPDKDD', 'tham-dinh', 'pending', 'horizontal'],
      ['20.CA', 'tham-dinh', 'pending', 'horizontal'],
    ]);
    // Not yet handed to them: the agencies cannot see or act on it.
    expect(await failure(actOnPart(dossier.id, '20.THUE', 'start', taxOfficer))).toMatchObject({ code: 'NOT_FOUND' });

    running.clock.set(at('2026-04-06T08:00:00'));
    await act(dossier.id, 'hand_over', clerk);
    // 09:00 Mon: the appraisal starts and the three parts with it.
    running.clock.set(at('2026-04-06T09:00:00'));
    let view = await act(dossier.id, 'hand_over', clerical);
    // Appraisal 15 h from 09:00 Mon: 6 h Mon, 7.5 h Tue, 1.5 h Wed from 07:30 → 09:00 08/04.
    expect(view.stepDueAt).toBe(at('2026-04-08T09:00:00'));
    expect(view.subHandlings?.map((part) => [part.unitCode, part.state, part.dueAt])).toEqual([
      // Tax 3 h from 09:00: 2.5 h to 11:30, 0.5 h from 13:30 → 14:00 Mon.
      ['20.THUE', 'assigned', at('2026-04-06T14:00:00')],
      // Land registry 7.5 h: 6 h Mon, 1.5 h Tue from 07:30 → 09:00 Tue.
      ['20.VPDKDD', 'assigned', at('2026-04-07T09:00:00')],
      // Police 4.5 h: 2.5 h to 11:30, 2 h from 13:30 → 15:30 Mon.
      ['20.CA', 'assigned', at('2026-04-06T15:30:00')],
    ]);

    // The tax officer sees the dossier now, but only handles the tax part.
    expect((await running.service.app.get(GetDossier).execute({ dossierId: dossier.id }, taxOfficer)).code).toBe(dossier.code);
    // Each agency finds the dossier in its own queue and count; a commune of another unit does not.
    const shared = async (who: Principal) =>
      (await running.service.app.get(ListWorkQueue).execute({ queue: 'inter_agency', limit: 100 }, who)).items.map((item) => item.code);
    for (const officer of [taxOfficer, landOfficer, policeOfficer]) {
      expect(await shared(officer)).toEqual([dossier.code]);
      expect((await running.service.app.get(CountWorkQueues).execute({}, officer)).inter_agency).toBe(1);
    }
    expect(await shared(principal('tiepnhan.dk', 'clerk', '05977'))).toEqual([]);
    expect(await failure(actOnPart(dossier.id, '20.VPDKDD', 'complete', taxOfficer))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await failure(actOnPart(dossier.id, '20.THUE', 'complete', specialist))).toMatchObject({ code: 'FORBIDDEN' });

    running.clock.set(at('2026-04-06T10:00:00'));
    await actOnPart(dossier.id, '20.THUE', 'start', taxOfficer);
    running.clock.set(at('2026-04-06T11:00:00'));
    await actOnPart(dossier.id, '20.THUE', 'complete', taxOfficer);
    running.clock.set(at('2026-04-06T15:00:00'));
    await actOnPart(dossier.id, '20.CA', 'complete', policeOfficer);

    // Two of three done: the appraisal cannot move on.
    running.clock.set(at('2026-04-06T16:00:00'));
    const blocked = await failure(act(dossier.id, 'hand_over', specialist));
    expect(blocked).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { waitingFor: ['20.VPDKDD'] } });

    // 10:00 Tue: the land registry finishes an hour after its due instant → late.
    running.clock.set(at('2026-04-07T10:00:00'));
    expect(await shared(taxOfficer)).toEqual([]); // its part is done
    view = await actOnPart(dossier.id, '20.VPDKDD', 'complete', landOfficer);
    expect(await shared(landOfficer)).toEqual([]);
    expect(view.subHandlings?.map((part) => [part.unitCode, part.state, part.verdict])).toEqual([
      ['20.THUE', 'done', 'on_time'],
      ['20.VPDKDD', 'done', 'late'],
      ['20.CA', 'done', 'on_time'],
    ]);
    expect(await failure(actOnPart(dossier.id, '20.VPDKDD', 'complete', landOfficer))).toMatchObject({ code: 'ILLEGAL_TRANSITION' });

    // 10:30 Tue: the specialist is early for the appraisal's own due (09:00 Wed), but the step follows the slowest agency.
    running.clock.set(at('2026-04-07T10:30:00'));
    view = await act(dossier.id, 'hand_over', specialist);
    expect(view.currentStep?.key).toBe('phe-duyet');
    running.clock.set(at('2026-04-07T14:00:00'));
    await act(dossier.id, 'approve', leader);
    await act(dossier.id, 'issue_result', clerk);
    running.clock.set(at('2026-04-08T08:00:00'));
    view = await act(dossier.id, 'return_result', clerk);
    expect(view).toMatchObject({ state: 'returned', onTime: true });

    const slip = await running.service.app.get(GetDossierHistory).controlSlip({ dossierId: dossier.id }, leader);
    expect(slip.lines.map((line) => [line.fromStep, line.toStep, line.handedAtDisplay, line.stepDueAtDisplay, line.verdict])).toEqual([
      ['tiep-nhan', 'chuyen-phong', '08:00 06/04/2026', '10:30 06/04/2026', 'on_time'],
      ['chuyen-phong', 'tham-dinh', '09:00 06/04/2026', '11:00 06/04/2026', 'on_time'],
      ['tham-dinh', 'lien-thong:20.THUE', '09:00 06/04/2026', null, null],
      ['tham-dinh', 'lien-thong:20.VPDKDD', '09:00 06/04/2026', null, null],
      ['tham-dinh', 'lien-thong:20.CA', '09:00 06/04/2026', null, null],
      ['lien-thong:20.THUE', 'tham-dinh', '11:00 06/04/2026', '14:00 06/04/2026', 'on_time'],
      ['lien-thong:20.CA', 'tham-dinh', '15:00 06/04/2026', '15:30 06/04/2026', 'on_time'],
      ['lien-thong:20.VPDKDD', 'tham-dinh', '10:00 07/04/2026', '09:00 07/04/2026', 'late'],
      ['tham-dinh', 'phe-duyet', '10:30 07/04/2026', '09:00 08/04/2026', 'late'],
      ['phe-duyet', 'tra-ket-qua', '14:00 07/04/2026', expect.any(String), expect.any(String)],
    ]);
    // A part handed back names the step it returns to as staff know it, not by its key.
    expect(slip.lines.filter((line) => line.fromStep?.startsWith('lien-thong:')).map((line) => line.to)).toEqual(['Thẩm định', 'Thẩm định', 'Thẩm định']);

    // Every event relayed first, so "last" is the last one emitted.
    const dataSource = running.service.app.get(DataSource);
    await waitFor('outbox relayed', async () => (await dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n === 0);
    const bus = running.service.bus;
    const last = (event: string) =>
      waitFor(`evt.dossier.dossier.${event}`, async () => {
        const message = await bus.jsm.streams
          .getMessage(bus.streamName(eventStreamName('dossier')), { last_by_subj: bus.subject(`evt.dossier.dossier.${event}`) })
          .catch(() => null);
        return message?.json<EventEnvelope<Record<string, unknown>>>();
      });
    expect((await last('sub-handling-started')).data).toMatchObject({ agencyUnitCode: '20.CA', subHandlingDueAt: at('2026-04-06T15:30:00') });
    expect((await last('sub-handling-completed')).data).toMatchObject({ agencyUnitCode: '20.VPDKDD', verdict: 'late', allDone: true });
  });

  it('refuses liên thông shares that do not add up to the whole, splits equally when none are given, and tells vertical from horizontal', async () => {
    running.clock.set(at('2026-04-13T08:00:00'));
    const wrong = counterSubmission({ interAgency: { agencies: [{ unitCode: '20.THUE', sharePercent: 40 }, { unitCode: '20.CA', sharePercent: 40 }] } });
    expect(await failure(receive(wrong))).toMatchObject({ code: 'VALIDATION_FAILED' });
    const equal = accepted(await receive(counterSubmission({ interAgency: { agencies: [{ unitCode: '20.THUE' }, { unitCode: '20.CA' }] } })));
    expect(equal.dossier.subHandlings?.map((part) => part.sharePercent)).toEqual([50, 50]);
    // The province above the ward: liên thông dọc.
    const vertical = accepted(await receive(counterSubmission({ interAgency: { agencies: [{ unitCode: '20' }] } })));
    expect(vertical.dossier.subHandlings).toMatchObject([{ unitCode: '20', direction: 'vertical', sharePercent: 100 }]);
  });

  it('lets a commune centre receive a province procedure whose handling steps are the province’s', async () => {
    running.clock.set(at('2026-04-14T08:00:00'));
    const { dossier } = accepted(await receive(counterSubmission({ procedureCode: PROVINCE_PROCEDURE_CODE, competentUnitCode: '20' })));
    expect(dossier).toMatchObject({ receivingUnitCode: '05983', competentUnitCode: '20' });
    await act(dossier.id, 'hand_over', clerk);
    // The commune's office cannot take the province's step; the province's can.
    expect(await failure(act(dossier.id, 'hand_over', clerical))).toMatchObject({ code: 'FORBIDDEN' });
    expect((await act(dossier.id, 'hand_over', provinceClerical)).currentStep?.key).toBe('tham-dinh');
  });
});
