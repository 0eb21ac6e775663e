import { DataSource } from 'typeorm';
import {
  dossierActionRequestSchema,
  eventStreamName,
  parseInput,
  receiveDossierRequestSchema,
  type DossierAction,
  type ReceiveDossierResult,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { waitFor } from '@mc/local-infra';
import { ActOnDossier } from '../src/handling/act-on-dossier';
import { DeadlineChecker } from '../src/deadlines/deadline-checker';
import { ReceiveDossier } from '../src/receipt/receive-dossier';
import { clerical, clerk, counterSubmission, failure, leader, principal, specialist, startDossier, type TestDossierService } from './support';

type Running = TestDossierService & { url: string; namespace: string };

describe('deadlines: due soon, overdue, apology and extension', () => {
  let first: Running;
  let second: Running;
  let dataSource: DataSource;
  const receive = async (body: Record<string, unknown>, who: Principal = clerk) =>
    first.service.app.get(ReceiveDossier).execute(parseInput(receiveDossierRequestSchema, body), who);
  const act = async (dossierId: string, action: DossierAction, who: Principal, extra: Record<string, unknown> = {}) =>
    first.service.app.get(ActOnDossier).execute(parseInput(dossierActionRequestSchema, { dossierId, action, ...extra }), who);
  const accepted = (result: ReceiveDossierResult) => {
    if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${result.outcome}`);
    return result.dossier;
  };
  const at = (local: string) => new Date(`${local}+07:00`).toISOString();
  const setBoth = (instant: string) => {
    first.clock.set(instant);
    second.clock.set(instant);
  };
  /** Events of a kind in the stream, per dossier, once the outbox has drained. */
  const published = async (event: string) => {
    await waitFor('outbox relayed', async () => (await dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n === 0);
    const bus = first.service.bus;
    const counts = new Map<string, number>();
    const consumer = await bus.js.consumers.get(bus.streamName(eventStreamName('dossier')), {
      filter_subjects: bus.subject(`evt.dossier.dossier.${event}`),
    });
    const pending = (await consumer.info()).num_pending;
    if (pending === 0) return counts;
    const messages = await consumer.fetch({ max_messages: pending, expires: 2000 });
    let seen = 0;
    for await (const message of messages) {
      const id = message.json<{ data: { dossierId: string; scope: string } }>().data;
      const key = `${id.dossierId}:${id.scope}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (++seen === pending) break;
    }
    return counts;
  };

  beforeAll(async () => {
    first = await startDossier();
    second = await startDossier({ replicaOf: { url: first.url, namespace: first.namespace } });
    dataSource = first.service.app.get(DataSource);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('marks each overdue dossier once and publishes its event once, with two checkers racing and after a restart', async () => {
    // Received Monday 04/05/2026 08:00: three working days → due 17:00 Thursday 07/05.
    first.clock.set(at('2026-05-04T08:00:00'));
    const dossiers = await Promise.all(Array.from({ length: 20 }, async () => accepted(await receive(counterSubmission()))));
    expect(dossiers[0]?.dueAt).toBe(at('2026-05-07T17:00:00'));

    // 09:30 Thu: 7 h of office time left (09:30–11:30, 13:30–17:00), within the 8 h default → due soon, not overdue.
    setBoth(at('2026-05-07T09:30:00'));
    const [a, b] = await Promise.all([first.service.app.get(DeadlineChecker).runOnce(), second.service.app.get(DeadlineChecker).runOnce()]);
    const dueSoon = [...a.marked, ...b.marked].filter((mark) => mark.mark === 'due_soon');
    expect(dueSoon).toHaveLength(20);
    expect(new Set(dueSoon.map((mark) => mark.dossierId)).size).toBe(20);

    // 08:00 Fri 08/05: past due. Both checkers race three times over.
    setBoth(at('2026-05-08T08:00:00'));
    const passes = await Promise.all(
      Array.from({ length: 3 }, () => [first.service.app.get(DeadlineChecker).runOnce(), second.service.app.get(DeadlineChecker).runOnce()]).flat(),
    );
    const overdue = passes.flatMap((pass) => pass.marked).filter((mark) => mark.mark === 'overdue');
    expect(overdue).toHaveLength(20);
    expect(new Set(overdue.map((mark) => mark.dossierId)).size).toBe(20);

    // A restarted replica finds the marks set and announces nothing again.
    await second.close();
    second = await startDossier({ replicaOf: { url: first.url, namespace: first.namespace } });
    second.clock.set(at('2026-05-08T09:00:00'));
    expect((await second.service.app.get(DeadlineChecker).runOnce()).marked.filter((mark) => mark.mark === 'overdue')).toEqual([]);

    const events = await published('overdue');
    for (const dossier of dossiers) expect(events.get(`${dossier.id}:dossier`)).toBe(1);
    const soonEvents = await published('due-soon');
    for (const dossier of dossiers) expect(soonEvents.get(`${dossier.id}:dossier`)).toBe(1);
    const [{ marks }] = await dataSource.query(
      "SELECT count(*)::int AS marks FROM dossiers WHERE overdue_marked_at IS NOT NULL AND received_at = $1",
      [at('2026-05-04T08:00:00')],
    );
    expect(marks).toBe(20);
  });

  it("marks a liên thông agency's part overdue once, as it marks dossiers and steps", async () => {
    // Received Monday 06/07/2026 07:30; the appraisal starts 09:00 and the tax office's part
    // (20 % of the appraisal's 15 office hours = 3 h) is due 14:00 the same day.
    setBoth(at('2026-07-06T07:30:00'));
    const dossier = accepted(
      await receive(counterSubmission({ interAgency: { agencies: [{ unitCode: '20.THUE', sharePercent: 20 }, { unitCode: '20.CA', sharePercent: 80 }] } })),
    );
    setBoth(at('2026-07-06T08:00:00'));
    await act(dossier.id, 'hand_over', clerk);
    setBoth(at('2026-07-06T09:00:00'));
    const view = await act(dossier.id, 'hand_over', clerical);
    expect(view.subHandlings?.find((part) => part.unitCode === '20.THUE')?.dueAt).toBe(at('2026-07-06T14:00:00'));

    // 15:00: the tax office's part is an hour past its due instant; the police's and the dossier's are not.
    setBoth(at('2026-07-06T15:00:00'));
    const [a, b] = await Promise.all([first.service.app.get(DeadlineChecker).runOnce(), second.service.app.get(DeadlineChecker).runOnce()]);
    const mine = [...a.marked, ...b.marked].filter((mark) => mark.dossierId === dossier.id);
    expect(mine.filter((mark) => mark.mark === 'agency_overdue')).toHaveLength(1);
    expect(mine.filter((mark) => mark.mark === 'overdue' || mark.mark === 'step_overdue')).toEqual([]);
    const [part] = await dataSource.query("SELECT overdue_marked_at FROM dossier_sub_handlings WHERE dossier_id = $1 AND unit_code = '20.THUE'", [
      dossier.id,
    ]);
    expect(part.overdue_marked_at).not.toBeNull();
    const again = await first.service.app.get(DeadlineChecker).runOnce();
    expect(again.marked.filter((mark) => mark.dossierId === dossier.id && mark.mark === 'agency_overdue')).toEqual([]);
  });

  it('refuses to issue a result past the due date until an apology (Mẫu 04) sets a new appointment', async () => {
    // Received Monday 11/05/2026 08:00: due 17:00 Thursday 14/05.
    first.clock.set(at('2026-05-11T08:00:00'));
    const dossier = accepted(await receive(counterSubmission()));
    await act(dossier.id, 'hand_over', clerk);
    await act(dossier.id, 'hand_over', clerical);
    await act(dossier.id, 'hand_over', specialist);
    await act(dossier.id, 'approve', leader);

    first.clock.set(at('2026-05-15T08:00:00'));
    const refused = await failure(act(dossier.id, 'issue_result', clerk));
    expect(refused).toMatchObject({ code: 'ILLEGAL_TRANSITION', details: { state: 'approved', dueAt: at('2026-05-14T17:00:00') } });

    // Only a leader of the competent unit signs it, with a reason and a later date.
    expect(await failure(act(dossier.id, 'apologise', clerk, { reason: 'Chờ xác minh', newDueAt: at('2026-05-19T17:00:00') }))).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await failure(act(dossier.id, 'apologise', leader, { reason: 'Chờ xác minh' }))).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(await failure(act(dossier.id, 'apologise', leader, { reason: 'Chờ xác minh', newDueAt: at('2026-05-14T16:00:00') }))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const view = await act(dossier.id, 'apologise', leader, {
      reason: 'Cần xác minh thêm thông tin tình trạng hôn nhân tại nơi cư trú trước đây.',
      newDueAt: at('2026-05-19T17:00:00'),
    });
    expect(view).toMatchObject({ state: 'approved', dueAtDisplay: '17:00 19/05/2026', lateForReporting: true });
    expect(view.apologies).toEqual([
      expect.objectContaining({
        form: 'mau-04',
        originalDueAtDisplay: '17:00 14/05/2026',
        newDueAtDisplay: '17:00 19/05/2026',
        signedBy: leader.username,
        reason: 'Cần xác minh thêm thông tin tình trạng hôn nhân tại nơi cư trú trước đây.',
      }),
    ]);

    await act(dossier.id, 'issue_result', clerk);
    const returned = await act(dossier.id, 'return_result', clerk);
    // Returned by the new appointment, but the statutory one was missed.
    expect(returned).toMatchObject({ state: 'returned', onTime: false });
  });

  it('extends the due date by the time a leader approves, without counting the dossier late', async () => {
    first.clock.set(at('2026-05-11T08:00:00'));
    const dossier = accepted(await receive(counterSubmission()));
    first.clock.set(at('2026-05-14T10:00:00'));
    expect(
      await failure(act(dossier.id, 'extend', specialist, { reason: 'Gia hạn theo quy định', extendBy: { value: 2, unit: 'working_days' } })),
    ).toMatchObject({ code: 'FORBIDDEN' });
    // 17:00 Thu 14/05 + 2 working days → 17:00 Mon 18/05.
    const view = await act(dossier.id, 'extend', leader, {
      reason: 'Gia hạn thời gian chứng thực theo thỏa thuận bằng văn bản với người yêu cầu.',
      extendBy: { value: 2, unit: 'working_days' },
    });
    expect(view).toMatchObject({ dueAtDisplay: '17:00 18/05/2026', lateForReporting: false });
    const bus = first.service.bus;
    const envelope = await waitFor('extended', async () => {
      const message = await bus.jsm.streams
        .getMessage(bus.streamName(eventStreamName('dossier')), { last_by_subj: bus.subject('evt.dossier.dossier.extended') })
        .catch(() => null);
      return message?.json<{ version: number; data: { code: string; previousDueAt: string; approver: string } }>();
    });
    expect(envelope).toMatchObject({ version: 1, data: { code: dossier.code, previousDueAt: at('2026-05-14T17:00:00'), approver: leader.username } });
  });

  it('asks the post to collect a postal dossier and to deliver a result returned by post', async () => {
    first.clock.set(at('2026-05-12T08:00:00'));
    const postal = principal('buudien', 'postal_client', '20');
    const dossier = accepted(
      await receive(
        counterSubmission({ channel: 'postal', receivingUnitCode: '05983', returnMethod: 'post', returnAddress: 'Số 1 Lê Lợi, Lương Văn Tri' }),
        postal,
      ),
    );
    await act(dossier.id, 'hand_over', clerk);
    await act(dossier.id, 'hand_over', clerical);
    await act(dossier.id, 'hand_over', specialist);
    await act(dossier.id, 'approve', leader);
    await act(dossier.id, 'issue_result', clerk);
    const bus = first.service.bus;
    for (const [event, address] of [
      ['postal-pickup-requested', null],
      ['postal-return-requested', 'Số 1 Lê Lợi, Lương Văn Tri'],
    ] as const) {
      const envelope = await waitFor(event, async () => {
        const message = await bus.jsm.streams
          .getMessage(bus.streamName(eventStreamName('dossier')), { last_by_subj: bus.subject(`evt.dossier.dossier.${event}`) })
          .catch(() => null);
        return message?.json<{ version: number; data: { code: string; address: string | null; applicant: { name: string } } }>();
      });
      expect(envelope).toMatchObject({ version: 1, data: { code: dossier.code, address, applicant: { name: 'Hoàng Văn Nam' } } });
    }
  });
});
