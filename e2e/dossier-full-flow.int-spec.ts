import { catalogService } from '@mc/catalog';
import { CLOCK, createDossierModule, dossierService } from '@mc/dossier';
import { identityService } from '@mc/identity';
import { waitFor } from '@mc/local-infra';
import { dossierCaughtUp, gatewayCaller, passwordToken, publishThreeDayProcedure, startInProcess, type InProcessPlatform } from './support';

/**
 * A counter dossier from receipt to return through the gateway, with real
 * tokens, the real catalog (procedure and calendar entered by the province
 * admin through the API) and the real dossier service; only the dossier
 * service's clock is set by the test. The hand-worked values are the same as
 * in services/dossier/test/dossier-lifecycle.int-spec.ts, reasoned there.
 */
describe('a counter dossier from receipt to return, through the gateway', () => {
  let platform: InProcessPlatform;
  let now = new Date('2026-02-12T09:00:00+07:00');
  const tokens: Record<string, string> = {};
  const at = (instant: string) => {
    now = new Date(instant);
  };

  const call = gatewayCaller(() => platform, tokens);
  const act = async (code: string, who: string, action: string, extra: Record<string, unknown> = {}) => {
    const reply = await call('POST', `/dossiers/${code}/actions`, who, { action, ...extra });
    expect(reply.status).toBe(200);
    return reply.body;
  };

  beforeAll(async () => {
    const dossier = { ...dossierService, module: createDossierModule({ clock: { provide: CLOCK, useValue: { now: () => now } } }) };
    platform = await startInProcess([identityService, catalogService, dossier], { DOSSIER_DEADLINE_CHECK_MS: '0' });
    // Demo accounts only, so the walk-through works as it does after `npm start`; vanthu.lvt takes the transfer step.
    for (const username of ['admin.tinh', 'tiepnhan.lvt', 'vanthu.lvt', 'chuyenvien.lvt', 'lanhdao.lvt']) tokens[username] = await passwordToken(platform.issuer, username);
    await publishThreeDayProcedure(call, {
      code: '1.999001',
      name: 'Đăng ký kết hôn (thử nghiệm toàn trình)',
      components: [
        { name: 'Tờ khai đăng ký kết hôn', copyType: 'original', quantity: 1, reusable: false },
        { name: 'Giấy xác nhận tình trạng hôn nhân', copyType: 'original', quantity: 1, reusable: true },
      ],
      result: { type: 'certificate', name: 'Giấy chứng nhận kết hôn' },
    });

    // Tết 2026 on working days, as the province admin enters it.
    const days = await call('PUT', '/calendar/2026/days', 'admin.tinh', {
      holidays: ['16', '17', '18', '19', '20'].map((day) => ({ date: `2026-02-${day}`, name: 'Tết Nguyên đán' })),
    });
    expect(days.status).toBe(200);
    // The catalog learns the commune from identity's events before it can answer for it.
    await waitFor('the commune known to the catalog', async () => (await call('GET', '/calendar/2026?unit=05983', null)).status === 200);
    await dossierCaughtUp(platform);
  });

  afterAll(() => platform?.stop());

  it('checks the due date and every step verdict against the hand-worked values', async () => {
    at('2026-02-12T09:00:00+07:00');
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999001',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Hoàng Văn Nam', idNumber: '020095001234', phone: '0912345678' },
      components: [{ name: 'Tờ khai đăng ký kết hôn' }, { name: 'Giấy xác nhận tình trạng hôn nhân' }],
    });
    expect(received.status).toBe(201);
    const { code, dueAtDisplay, tracking } = received.body.receipt;
    expect(code).toBe('05983-260212-0001');
    expect(dueAtDisplay).toBe('17:00 24/02/2026');

    at('2026-02-12T10:00:00+07:00');
    await act(code, 'tiepnhan.lvt', 'hand_over');
    at('2026-02-12T14:00:00+07:00');
    await act(code, 'vanthu.lvt', 'hand_over');
    at('2026-02-13T10:00:00+07:00');
    expect((await act(code, 'chuyenvien.lvt', 'request_supplement', { reason: 'Giấy xác nhận tình trạng hôn nhân đã hết hạn.' })).state).toBe(
      'awaiting_supplement',
    );
    at('2026-02-23T09:00:00+07:00');
    const supplied = await act(code, 'tiepnhan.lvt', 'receive_supplement');
    expect(supplied.dueAtDisplay).toBe('16:00 25/02/2026'); // paused 6.5 office hours
    at('2026-02-23T15:00:00+07:00');
    await act(code, 'chuyenvien.lvt', 'hand_over');
    at('2026-02-24T14:00:00+07:00');
    expect((await act(code, 'lanhdao.lvt', 'approve')).state).toBe('approved');
    at('2026-02-24T15:00:00+07:00');
    expect((await act(code, 'tiepnhan.lvt', 'issue_result')).state).toBe('result_ready');
    at('2026-02-25T09:00:00+07:00');
    expect(await act(code, 'tiepnhan.lvt', 'return_result', { returnMethod: 'counter' })).toMatchObject({
      state: 'returned',
      onTime: true,
      supplementRequests: 1,
    });

    const slip = await call('GET', `/dossiers/${code}/control-slip`, 'lanhdao.lvt');
    expect(slip.status).toBe(200);
    expect(slip.body.title).toBe('Mẫu số 06 — Phiếu kiểm soát quá trình giải quyết hồ sơ (TT 03/2025/TT-VPCP)');
    expect(slip.body.lines.map((line: Record<string, string>) => [line.fromStep, line.toStep, line.handedAtDisplay, line.stepDueAtDisplay, line.verdict])).toEqual([
      ['tiep-nhan', 'chuyen-phong', '10:00 12/02/2026', '13:51 12/02/2026', 'on_time'],
      ['chuyen-phong', 'tham-dinh', '14:00 12/02/2026', '14:51 12/02/2026', 'on_time'],
      ['tham-dinh', 'phe-duyet', '15:00 23/02/2026', '10:15 24/02/2026', 'early'],
      ['phe-duyet', 'tra-ket-qua', '14:00 24/02/2026', '11:12 24/02/2026', 'late'],
    ]);

    const publicView = await call('GET', `/tracking/${code}?token=${encodeURIComponent(tracking.token)}`, null);
    expect(publicView.status).toBe(200);
    expect(publicView.body).toMatchObject({ state: 'returned', dueAtDisplay: '16:00 25/02/2026' });
    expect(JSON.stringify(publicView.body)).not.toContain('020095001234');
    expect((await call('GET', `/dossiers/${code}/history/verification`, 'lanhdao.lvt')).body).toMatchObject({ valid: true });

    // The tracking book of the commune for February 2026 (a 2025-regime period: TT 03/2025's Mẫu 07).
    const book = await call('GET', '/tracking-books/05983?from=2026-02-01&to=2026-02-28', 'lanhdao.lvt');
    expect(book.status).toBe(200);
    expect(book.body).toMatchObject({ title: expect.stringContaining('Mẫu số 07 — Sổ theo dõi hồ sơ'), total: 1, fromDisplay: '01/02/2026', toDisplay: '28/02/2026' });
    expect(book.body.lines).toEqual([
      {
        number: 1,
        code,
        applicantName: 'Hoàng Văn Nam',
        procedureName: 'Đăng ký kết hôn (thử nghiệm toàn trình)',
        receivedAtDisplay: '09:00 12/02/2026',
        dueAtDisplay: '16:00 25/02/2026',
        finishedAtDisplay: '09:00 25/02/2026',
        state: 'returned',
        result: 'đúng hạn',
        formRegime: '2025',
      },
    ]);
    // Another commune's clerk cannot open this commune's book.
    tokens['tiepnhan.dk'] = await passwordToken(platform.issuer, 'tiepnhan.dk');
    expect((await call('GET', '/tracking-books/05983?from=2026-02-01&to=2026-02-28', 'tiepnhan.dk')).status).toBe(404);
    // A book for a period before 1 July 2025 carries the 2018 form's title.
    expect((await call('GET', '/tracking-books/05983?from=2025-06-01&to=2025-06-30', 'lanhdao.lvt')).body).toMatchObject({
      title: expect.stringContaining('Mẫu số 06 — Sổ theo dõi hồ sơ (TT 01/2018/TT-VPCP)'),
      total: 0,
    });
  });

  it('stops a dossier with the notice of the 2025 regime (Mẫu 05), which the applicant can be given', async () => {
    at('2026-03-02T09:00:00+07:00');
    const received = await call('POST', '/dossiers', 'tiepnhan.lvt', {
      procedureCode: '1.999001',
      channel: 'counter',
      applicant: { kind: 'individual', fullName: 'Lý Văn Tài', idNumber: '020090004321' },
      components: [{ name: 'Tờ khai đăng ký kết hôn' }, { name: 'Giấy xác nhận tình trạng hôn nhân' }],
    });
    const { code } = received.body.receipt;
    at('2026-03-03T10:00:00+07:00');
    const refused = await call('POST', `/dossiers/${code}/actions`, 'chuyenvien.lvt', { action: 'stop', reason: 'x' });
    expect(refused.status).toBe(403); // a leader of the competent unit stops a dossier
    const stopped = await act(code, 'lanhdao.lvt', 'stop', { reason: 'Người yêu cầu đã chết trước khi có kết quả.' });
    expect(stopped).toMatchObject({
      state: 'stopped',
      stopNotice: {
        form: 'mau-05',
        title: 'Mẫu số 05 — Thông báo dừng giải quyết hồ sơ (TT 03/2025/TT-VPCP)',
        code,
        reason: 'Người yêu cầu đã chết trước khi có kết quả.',
        signedBy: 'lanhdao.lvt',
        signedAtDisplay: '10:00 03/03/2026',
      },
    });
    expect((await call('GET', `/dossiers/${code}`, 'tiepnhan.lvt')).body.stopNotice.form).toBe('mau-05');
  });
});
