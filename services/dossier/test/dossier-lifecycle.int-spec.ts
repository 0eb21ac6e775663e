import { DataSource } from 'typeorm';
import {
  dossierActionRequestSchema,
  eventStreamName,
  parseInput,
  receiveDossierRequestSchema,
  type DossierAction,
  type EventEnvelope,
  type ReceiveDossierResult,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { waitFor } from '@mc/local-infra';
import { ActOnDossier } from '../src/handling/act-on-dossier';
import { GetDossier } from '../src/dossiers/get-dossier';
import { GetDossierHistory } from '../src/history/get-dossier-history';
import { ReceiveDossier } from '../src/receipt/receive-dossier';
import { TrackDossier } from '../src/tracking/track-dossier';
import { VerifyDossierHistory } from '../src/history/verify-dossier-history';
import {
  clerical,
  clerk,
  counterSubmission,
  failure,
  leader,
  otherClerk,
  principal,
  specialist,
  startDossier,
  type TestDossierService,
} from './support';

describe('dossier lifecycle', () => {
  let running: TestDossierService;
  let dataSource: DataSource;
  const receive = async (body: Record<string, unknown>, who: Principal = clerk, key?: string) =>
    running.service.app.get(ReceiveDossier).execute(parseInput(receiveDossierRequestSchema, body), who, key);
  const act = async (dossierId: string, action: DossierAction, who: Principal, extra: Record<string, unknown> = {}, key?: string) =>
    running.service.app.get(ActOnDossier).execute(parseInput(dossierActionRequestSchema, { dossierId, action, ...extra }), who, key);
  const accepted = (result: ReceiveDossierResult) => {
    if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${result.outcome}`);
    return result;
  };

  beforeAll(async () => {
    running = await startDossier();
    dataSource = running.service.app.get(DataSource);
  });
  afterAll(() => running?.close());

  it('gives 200 concurrent counter submissions at one unit on one day the codes 0001…0200, gapless and unique', async () => {
    running.clock.set('2026-03-02T08:15:00+07:00');
    const results = await Promise.all(Array.from({ length: 200 }, () => receive(counterSubmission())));
    const codes = results.map((result) => accepted(result).receipt.code).sort();
    const expected = Array.from({ length: 200 }, (_, index) => `05983-260302-${String(index + 1).padStart(4, '0')}`);
    expect(codes).toEqual(expected);
    const [{ last }] = await dataSource.query("SELECT last FROM daily_counters WHERE unit_code = '05983' AND day = '2026-03-02'");
    expect(last).toBe(200);
  });

  it('answers an incomplete submission with one list of everything missing and stores only that record', async () => {
    running.clock.set('2026-03-03T08:00:00+07:00');
    const result = await receive(counterSubmission({ components: [] }));
    expect(result.outcome).toBe('incomplete');
    if (result.outcome !== 'incomplete') return;
    expect(result.request.form).toBe('mau-02');
    // The conditional component (văn bản ủy quyền) is not demanded of everyone.
    expect(result.request.missing).toEqual(['Tờ khai đăng ký kết hôn', 'Giấy xác nhận tình trạng hôn nhân']);
    const [{ dossiers }] = await dataSource.query("SELECT count(*)::int AS dossiers FROM dossiers WHERE code LIKE '05983-260303-%'");
    expect(dossiers).toBe(0);
    const counters = await dataSource.query("SELECT 1 FROM daily_counters WHERE day = '2026-03-03'");
    expect(counters).toHaveLength(0);
    const [{ records }] = await dataSource.query("SELECT count(*)::int AS records FROM intake_records WHERE kind = 'incomplete'");
    expect(records).toBe(1);

    const refused = await receive(counterSubmission({ refusalReason: 'Thủ tục không thuộc thẩm quyền giải quyết của cấp xã.' }));
    expect(refused.outcome).toBe('refused');
    if (refused.outcome === 'refused') expect(refused.notice.form).toBe('mau-03');
  });

  it('refuses an invalid personal ID number or tax code before anything is stored', async () => {
    await expect(receive(counterSubmission({ applicant: { kind: 'individual', fullName: 'A', idNumber: '12345' } }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    await expect(receive(counterSubmission({ applicant: { kind: 'organisation', name: 'Công ty A', taxCode: '12345678901' } }))).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
    });
    const ok = await receive(counterSubmission({ applicant: { kind: 'organisation', name: 'Công ty A', taxCode: '0101234567001' } }));
    expect(ok.outcome).toBe('accepted');
  });

  it('applies a retried submission once and answers the same code; the same key with another body is a conflict', async () => {
    running.clock.set('2026-03-04T08:00:00+07:00');
    const [first, second] = await Promise.all([
      receive(counterSubmission(), clerk, 'khoa-nop-1'),
      receive(counterSubmission(), clerk, 'khoa-nop-1'),
    ]);
    const again = await receive(counterSubmission(), clerk, 'khoa-nop-1');
    expect(accepted(first).receipt.code).toBe('05983-260304-0001');
    expect(accepted(second).receipt.code).toBe('05983-260304-0001');
    expect(accepted(again).receipt).toEqual(accepted(first).receipt);
    expect(accepted(await receive(counterSubmission())).receipt.code).toBe('05983-260304-0002');
    expect(await failure(receive(counterSubmission({ sets: 2 }), clerk, 'khoa-nop-1'))).toMatchObject({ code: 'CONFLICT' });

    const id = accepted(first).dossier.id;
    const handed = await act(id, 'hand_over', clerk, {}, 'khoa-chuyen-1');
    const retried = await act(id, 'hand_over', clerk, {}, 'khoa-chuyen-1');
    expect(retried).toEqual(handed);
    expect((await running.service.app.get(GetDossierHistory).entries({ dossierId: id }, clerk)).map((entry) => entry.action)).toEqual([
      'receive',
      'hand_over',
    ]);
  });

  it('runs a counter dossier through every step with the due date and each hand-over verdict worked out by hand', async () => {
    /*
     * Calendar: Monday–Friday 07:30–11:30 and 13:30–17:00 (7.5 office hours a
     * day), cut-off 15:00, Tết holidays Monday 16/02 – Friday 20/02/2026.
     * Procedure: 3 working days; steps 10% / 10% / 50% / 20% / 10%.
     *
     * Received Thursday 12/02 09:00 (before the cut-off: counts from that day).
     * Working days after it: Fri 13/02 (1), [16–20/02 Tết, weekends], Mon 23/02
     * (2), Tue 24/02 (3) → due 17:00 24/02/2026.
     * Statutory office time 12/02 09:00 → 24/02 17:00: 6 h (Thu 09:00–11:30,
     * 13:30–17:00) + 7.5 h (Fri) + 7.5 h (Mon) + 7.5 h (Tue) = 28.5 h.
     */
    running.clock.set('2026-02-12T09:00:00+07:00');
    const { dossier, receipt } = accepted(await receive(counterSubmission()));
    expect(receipt.code).toBe('05983-260212-0001');
    expect(receipt.dueAtDisplay).toBe('17:00 24/02/2026');
    expect(receipt.receivedAtDisplay).toBe('09:00 12/02/2026');
    expect(receipt.tracking.token.length).toBeGreaterThanOrEqual(22);
    // Reception: 10% of 28.5 h = 2 h 51 min from 09:00 → 2 h 30 min to 11:30, 21 min from 13:30 → 13:51.
    expect(dossier.stepDueAt).toBe(new Date('2026-02-12T13:51:00+07:00').toISOString());

    // 10:00 Thu: handed to the department's office, before 13:51 the same day → on time.
    running.clock.set('2026-02-12T10:00:00+07:00');
    let view = await act(dossier.id, 'hand_over', clerk);
    // Office transfer: 2 h 51 min from 10:00 → 1 h 30 min to 11:30, 1 h 21 min from 13:30 → 14:51.
    expect(view.stepDueAt).toBe(new Date('2026-02-12T14:51:00+07:00').toISOString());

    // 14:00 Thu: to the specialist, before 14:51 the same day → on time.
    running.clock.set('2026-02-12T14:00:00+07:00');
    view = await act(dossier.id, 'hand_over', clerical);
    // Appraisal: 50% = 14 h 15 min from 14:00 Thu → 3 h Thu, 7.5 h Fri, (Tết), 3 h 45 min Mon from 07:30 → 11:15 23/02.
    expect(view.stepDueAt).toBe(new Date('2026-02-23T11:15:00+07:00').toISOString());

    // 10:00 Fri 13/02: supplement requested; the clock stops.
    running.clock.set('2026-02-13T10:00:00+07:00');
    view = await act(dossier.id, 'request_supplement', specialist, { reason: 'Giấy xác nhận tình trạng hôn nhân đã hết hạn.' });
    expect(view.state).toBe('awaiting_supplement');

    // 09:00 Mon 23/02: supplied. Paused office time: Fri 10:00–11:30 (1.5 h) + 13:30–17:00 (3.5 h), Tết off,
    // Mon 07:30–09:00 (1.5 h) = 6.5 h. Due 17:00 Tue 24/02 + 6.5 h → Wed 25/02 4 h morning + 2.5 h from 13:30 = 16:00.
    // Appraisal due 11:15 Mon + 6.5 h → 15 min to 11:30, 3.5 h afternoon, 2 h 45 min Tue from 07:30 → 10:15 24/02.
    running.clock.set('2026-02-23T09:00:00+07:00');
    view = await act(dossier.id, 'receive_supplement', clerk);
    expect(view.state).toBe('in_progress');
    expect(view.dueAtDisplay).toBe('16:00 25/02/2026');
    expect(view.stepDueAt).toBe(new Date('2026-02-24T10:15:00+07:00').toISOString());

    // 15:00 Mon 23/02: to the leader, a day before the appraisal's due date → early.
    running.clock.set('2026-02-23T15:00:00+07:00');
    view = await act(dossier.id, 'hand_over', specialist);
    // Approval: 20% = 5 h 42 min from 15:00 Mon → 2 h Mon, 3 h 42 min Tue from 07:30 → 11:12 24/02.
    expect(view.stepDueAt).toBe(new Date('2026-02-24T11:12:00+07:00').toISOString());

    // 14:00 Tue 24/02: approved after 11:12 → late for the step.
    running.clock.set('2026-02-24T14:00:00+07:00');
    view = await act(dossier.id, 'approve', leader);
    expect(view.state).toBe('approved');
    // Return: 10% = 2 h 51 min from 14:00 → 16:51 24/02.
    expect(view.stepDueAt).toBe(new Date('2026-02-24T16:51:00+07:00').toISOString());

    running.clock.set('2026-02-24T15:00:00+07:00');
    view = await act(dossier.id, 'issue_result', clerk);
    expect(view.state).toBe('result_ready');

    // 09:00 Wed 25/02: returned before the moved due instant (16:00 25/02) → the dossier is on time.
    running.clock.set('2026-02-25T09:00:00+07:00');
    view = await act(dossier.id, 'return_result', clerk, { returnMethod: 'counter' });
    expect(view).toMatchObject({ state: 'returned', onTime: true, lateForReporting: false, supplementRequests: 1 });

    const slip = await running.service.app.get(GetDossierHistory).controlSlip({ dossierId: dossier.id }, leader);
    expect(slip.lines.map((line) => [line.fromStep, line.toStep, line.handedAtDisplay, line.stepDueAtDisplay, line.verdict])).toEqual([
      ['tiep-nhan', 'chuyen-phong', '10:00 12/02/2026', '13:51 12/02/2026', 'on_time'],
      ['chuyen-phong', 'tham-dinh', '14:00 12/02/2026', '14:51 12/02/2026', 'on_time'],
      ['tham-dinh', 'phe-duyet', '15:00 23/02/2026', '10:15 24/02/2026', 'early'],
      ['phe-duyet', 'tra-ket-qua', '14:00 24/02/2026', '11:12 24/02/2026', 'late'],
    ]);

    // Every step published its event through the outbox.
    const bus = running.service.bus;
    for (const event of ['received', 'handed-over', 'supplement-requested', 'supplement-received', 'approved', 'result-issued', 'returned']) {
      const envelope = await waitFor(`evt.dossier.dossier.${event}`, async () => {
        const message = await bus.jsm.streams
          .getMessage(bus.streamName(eventStreamName('dossier')), { last_by_subj: bus.subject(`evt.dossier.dossier.${event}`) })
          .catch(() => null);
        return message?.json<EventEnvelope<{ code: string }>>();
      });
      expect(envelope.version).toBe(1);
    }

    // Public tracking: progress and dates, nothing about the applicant; a wrong token is an unknown code.
    const tracking = await running.service.app.get(TrackDossier).execute(receipt.code, receipt.tracking.token);
    expect(tracking).toMatchObject({ state: 'returned', dueDateDisplay: '25/02/2026', dueAtDisplay: '16:00 25/02/2026' });
    expect(JSON.stringify(tracking)).not.toContain('020095001234');
    expect(JSON.stringify(tracking)).not.toContain('Hoàng Văn Nam');
    expect(await failure(running.service.app.get(TrackDossier).execute(receipt.code, 'sai-ma-tra-cuu'))).toMatchObject({ code: 'NOT_FOUND' });

    // Another unit's clerk cannot tell the dossier exists.
    expect(await failure(running.service.app.get(GetDossierHistory).entries({ dossierId: dossier.id }, otherClerk))).toMatchObject({
      code: 'NOT_FOUND',
    });

    // History: intact, until one row is edited behind the service's back.
    const verify = running.service.app.get(VerifyDossierHistory);
    expect(await verify.execute({ dossierId: dossier.id }, clerk)).toMatchObject({ valid: true, entries: 9, firstBadSeq: null });
    await dataSource.query(
      `UPDATE dossier_history SET entry = jsonb_set(entry, '{reason}', '"Hồ sơ đầy đủ"') WHERE dossier_id = $1 AND seq = 4`,
      [dossier.id],
    );
    const broken = await verify.execute({ dossierId: dossier.id }, clerk);
    expect(broken).toMatchObject({ valid: false, firstBadSeq: 4 });
    expect(broken.message).toContain('bản ghi số 4');
  });

  it('takes no number for a submission that rolls back after counting', async () => {
    // A failure injected after the counter was incremented, in the same transaction as the dossier insert.
    await dataSource.query(`
      CREATE FUNCTION fail_for_test() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.applicant->>'fullName' = 'Lỗi Giữa Chừng' THEN RAISE EXCEPTION 'failure injected by the test'; END IF;
        RETURN NEW;
      END $$`);
    await dataSource.query('CREATE TRIGGER fail_for_test BEFORE INSERT ON dossiers FOR EACH ROW EXECUTE FUNCTION fail_for_test()');
    try {
      running.clock.set('2026-03-06T08:00:00+07:00');
      expect(accepted(await receive(counterSubmission())).receipt.code).toBe('05983-260306-0001');
      const failing = counterSubmission({ applicant: { kind: 'individual', fullName: 'Lỗi Giữa Chừng', idNumber: '020095001234' } });
      await expect(receive(failing)).rejects.toThrow('failure injected by the test');
      expect(accepted(await receive(counterSubmission())).receipt.code).toBe('05983-260306-0002');
    } finally {
      await dataSource.query('DROP TRIGGER fail_for_test ON dossiers');
      await dataSource.query('DROP FUNCTION fail_for_test()');
    }
  });

  it('refuses to change a dossier code once given', async () => {
    await expect(dataSource.query("UPDATE dossiers SET code = 'X' WHERE code = '05983-260306-0001'")).rejects.toThrow('immutable');
  });

  it('receives online from the citizen, who alone may follow and withdraw it, and by post from the postal operator', async () => {
    running.clock.set('2026-03-09T20:00:00+07:00');
    // Both proved their ID numbers (VNeID or the counter); the submission's applicant is the citizen.
    const citizen = { ...principal('020095001234', 'citizen', '05983'), verifiedIdNumber: '020095001234' };
    const stranger = { ...principal('020095009999', 'citizen', '05983'), verifiedIdNumber: '020095009999' };
    const online = accepted(await receive(counterSubmission({ channel: 'online', receivingUnitCode: '05983' }), citizen));
    // Received at 20:00 Monday: after the cut-off, counted from Tuesday 10/03; three working days → 17:00 Friday 13/03.
    expect(online.receipt).toMatchObject({ channelCode: 2, code: '05983-260309-0001', dueAtDisplay: '17:00 13/03/2026' });
    expect((await running.service.app.get(GetDossier).execute({ dossierId: online.dossier.id }, citizen)).state).toBe('in_progress');
    expect(await failure(running.service.app.get(GetDossier).execute({ dossierId: online.dossier.id }, stranger))).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await failure(receive(counterSubmission({ receivingUnitCode: '05983' }), citizen))).toMatchObject({ code: 'FORBIDDEN' });
    expect(await act(online.dossier.id, 'withdraw', citizen, { reason: 'Không còn nhu cầu' })).toMatchObject({ state: 'withdrawn' });

    const postal = principal('buudien', 'postal_client', '20');
    const posted = accepted(
      await receive(
        counterSubmission({ channel: 'postal', receivingUnitCode: '05983', returnMethod: 'post', returnAddress: 'Số 1 Lê Lợi, Lương Văn Tri' }),
        postal,
      ),
    );
    expect(posted.receipt).toMatchObject({ channelCode: 3, code: '05983-260309-0002', collectAt: { method: 'post' } });
    expect(await failure(receive(counterSubmission({ channel: 'postal', receivingUnitCode: '05983' }), clerk))).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('allows a second supplement request but counts the dossier late for reporting', async () => {
    running.clock.set('2026-03-05T08:00:00+07:00');
    const { dossier } = accepted(await receive(counterSubmission()));
    await act(dossier.id, 'hand_over', clerk);
    await act(dossier.id, 'hand_over', clerical);
    await act(dossier.id, 'request_supplement', specialist, { reason: 'Thiếu bản sao' });
    await act(dossier.id, 'receive_supplement', clerk);
    const view = await act(dossier.id, 'request_supplement', specialist, { reason: 'Vẫn thiếu bản sao' });
    expect(view).toMatchObject({ supplementRequests: 2, lateForReporting: true });
  });
});
