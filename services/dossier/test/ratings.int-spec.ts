import { DataSource } from 'typeorm';
import { DossierSubjects, httpStatusFor, type DossierRatingView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';
import { GetDossierHistory } from '../src/history/get-dossier-history';
import { VerifyDossierHistory } from '../src/history/verify-dossier-history';
import {
  accepted,
  actOnDossier,
  approvedDossier,
  clerk,
  counterSubmission,
  publishedEvents,
  receiveDossier,
  startDossier,
  type TestDossierService,
} from './support';

const ALL_SATISFIED = { reception: 'satisfied', duration: 'very_satisfied', attitude: 'satisfied', result: 'satisfied', costs: 'neutral' };

describe('satisfaction ratings', () => {
  let running: TestDossierService;
  let dataSource: DataSource;
  /** As the gateway sends it: over the bus, without a token. */
  const rate = (body: Record<string, unknown>) => running.service.app.get(NatsClientProxy).request<DossierRatingView>(DossierSubjects.rate, body);
  /** A dossier taken as far as the given state, with its code and tracking token. */
  const dossierIn = async (state: 'in_progress' | 'result_ready' | 'returned') => {
    const { dossier, receipt } = state === 'in_progress' ? accepted(await receiveDossier(running, counterSubmission())) : await approvedDossier(running);
    if (state !== 'in_progress') await actOnDossier(running, dossier.id, 'issue_result', clerk);
    if (state === 'returned') await actOnDossier(running, dossier.id, 'return_result', clerk);
    return { id: dossier.id, code: receipt.code, token: receipt.tracking.token };
  };
  /** What a rating writes: its row and a history entry. */
  const written = async (dossierId: string) => {
    const [{ ratings }] = await dataSource.query('SELECT count(*)::int AS ratings FROM dossier_ratings WHERE dossier_id = $1', [dossierId]);
    const [{ entries }] = await dataSource.query('SELECT count(*)::int AS entries FROM dossier_history WHERE dossier_id = $1', [dossierId]);
    return { ratings, entries };
  };
  /** The error a refused request answers with, as the gateway receives it. */
  const rejected = async (body: Record<string, unknown>) => {
    try {
      await rate(body);
    } catch (error) {
      const { code, message, details } = error as { code: string; message: string; details?: unknown };
      return { code, status: httpStatusFor(code), message, details };
    }
    throw new Error('expected a refusal');
  };
  const ratedDossiers = new Set<string>();

  beforeAll(async () => {
    running = await startDossier();
    dataSource = running.service.app.get(DataSource);
    running.clock.set('2026-03-02T08:00:00+07:00');
  });
  afterAll(() => running?.close());

  it('records a returned dossier rating once, with its history entry and its event', async () => {
    const { id, code, token } = await dossierIn('returned');
    const before = await written(id);
    const slipBefore = await running.service.app.get(GetDossierHistory).controlSlip({ dossierId: id }, clerk);
    running.clock.set('2026-03-02T10:05:00+07:00');
    const view = await rate({ code, token, scores: ALL_SATISFIED, comment: '  Cán bộ hướng dẫn tận tình.  ' });
    expect(view).toEqual({
      code,
      scores: ALL_SATISFIED,
      dissatisfied: false,
      comment: 'Cán bộ hướng dẫn tận tình.',
      ratedAt: new Date('2026-03-02T10:05:00+07:00').toISOString(),
      ratedAtDisplay: '10:05 02/03/2026',
    });
    ratedDossiers.add(id);
    expect(await written(id)).toEqual({ ratings: 1, entries: before.entries + 1 });
    const [stored] = await dataSource.query('SELECT scores, dissatisfied, comment FROM dossier_ratings WHERE dossier_id = $1', [id]);
    expect(stored).toEqual({ scores: ALL_SATISFIED, dissatisfied: false, comment: 'Cán bộ hướng dẫn tận tình.' });

    const history = await running.service.app.get(GetDossierHistory).entries({ dossierId: id }, clerk);
    expect(history.at(-1)).toMatchObject({
      action: 'rate',
      actor: { role: 'citizen' },
      before: { state: 'returned' },
      after: { state: 'returned' },
      details: { scores: ALL_SATISFIED, dissatisfied: false },
    });
    expect(await running.service.app.get(VerifyDossierHistory).execute({ dossierId: id }, clerk)).toMatchObject({ valid: true });
    // Not a hand-over: the control slip is unchanged.
    expect(await running.service.app.get(GetDossierHistory).controlSlip({ dossierId: id }, clerk)).toEqual(slipBefore);

    // Any criterion "không hài lòng" makes the rating dissatisfied.
    const other = await dossierIn('returned');
    const unhappy = await rate({ code: other.code, token: other.token, scores: { ...ALL_SATISFIED, duration: 'dissatisfied' } });
    expect(unhappy).toMatchObject({ dissatisfied: true, comment: null });
    ratedDossiers.add(other.id);

    const events = await publishedEvents<Record<string, unknown>>(running, 'rated');
    expect(events.find((event) => event.data.dossierId === id)?.data).toMatchObject({
      code,
      state: 'returned',
      scores: ALL_SATISFIED,
      dissatisfied: false,
      ratedAt: view.ratedAt,
    });
    expect(events.find((event) => event.data.dossierId === other.id)?.data).toMatchObject({ dissatisfied: true });
  });

  it('answers a wrong token or an unknown code as an unknown dossier and writes nothing', async () => {
    const { id, code, token } = await dossierIn('returned');
    const before = await written(id);
    const wrong = await rejected({ code, token: `${token}x`, scores: ALL_SATISFIED });
    expect(wrong).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(wrong.message).toContain('Không tìm thấy hồ sơ');
    expect(await rejected({ code: '05983-260302-9999', token, scores: ALL_SATISFIED })).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await written(id)).toEqual(before);
  });

  it('refuses to rate before the result is returned and writes nothing', async () => {
    for (const state of ['in_progress', 'result_ready'] as const) {
      const { id, code, token } = await dossierIn(state);
      const before = await written(id);
      const refused = await rejected({ code, token, scores: ALL_SATISFIED });
      expect(refused).toMatchObject({ code: 'ILLEGAL_TRANSITION', status: 409, details: { state } });
      expect(refused.message).toContain('sau khi đã nhận kết quả');
      expect(await written(id)).toEqual(before);
    }
  });

  it('refuses a second rating, also when two arrive together, and keeps the first', async () => {
    const { id, code, token } = await dossierIn('returned');
    running.clock.set('2026-03-02T14:30:00+07:00');
    await rate({ code, token, scores: ALL_SATISFIED });
    ratedDossiers.add(id);
    const after = await written(id);
    const second = await rejected({ code, token, scores: { ...ALL_SATISFIED, attitude: 'dissatisfied' } });
    expect(second).toMatchObject({ code: 'CONFLICT', status: 409 });
    expect(second.message).toBe('Hồ sơ này đã được đánh giá lúc 14:30 02/03/2026. Mỗi hồ sơ chỉ được đánh giá một lần.');
    expect(await written(id)).toEqual(after);
    const [{ dissatisfied }] = await dataSource.query('SELECT dissatisfied FROM dossier_ratings WHERE dossier_id = $1', [id]);
    expect(dissatisfied).toBe(false);

    const racing = await dossierIn('returned');
    const outcomes = await Promise.allSettled(Array.from({ length: 5 }, () => rate({ code: racing.code, token: racing.token, scores: ALL_SATISFIED })));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome.status === 'rejected').map((outcome) => (outcome.reason as { code: string }).code)).toEqual(
      Array(4).fill('CONFLICT'),
    );
    ratedDossiers.add(racing.id);
    expect((await written(racing.id)).ratings).toBe(1);
  });

  it('names a criterion left unrated, in Vietnamese, and writes nothing', async () => {
    const { id, code, token } = await dossierIn('returned');
    const before = await written(id);
    const { duration: _left, ...scores } = ALL_SATISFIED;
    const missing = await rejected({ code, token, scores });
    expect(missing).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(missing.message).toContain('Chưa đánh giá tiêu chí "Thời gian giải quyết".');
    const badLevel = await rejected({ code, token, scores: { ...ALL_SATISFIED, costs: 'great' } });
    expect(badLevel).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(badLevel.message).toContain('Mức đánh giá tiêu chí "Không phát sinh chi phí ngoài quy định" phải là một trong: very_satisfied');
    expect(await rejected({ code, scores: ALL_SATISFIED })).toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    expect(await written(id)).toEqual(before);
  });

  it('publishes exactly one rated event per rated dossier', async () => {
    const events = await publishedEvents<{ dossierId: string }>(running, 'rated');
    expect(events.map((event) => event.data.dossierId).sort()).toEqual([...ratedDossiers].sort());
  });
});
