import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { TrackDossier } from '../src/tracking/track-dossier';
import { accepted, counterSubmission, receiveDossier, startDossier, type TestDossierService } from './support';

describe('public tracking', () => {
  let running: TestDossierService;
  let statements: jest.SpyInstance;
  const track = (code: string, token: string) => running.service.app.get(TrackDossier).execute(code, token);
  const trackingStatements = () => statements.mock.calls.filter(([config]) => /d\.code = ANY/.test(config?.text ?? '')).length;

  beforeAll(async () => {
    running = await startDossier();
    const pool = (running.service.app.get(DataSource).driver as PostgresDriver).master;
    statements = jest.spyOn(pool, 'query');
  });
  afterAll(() => running?.close());
  beforeEach(() => statements.mockClear());

  it('answers the lookups of one turn from one statement, each with its own dossier', async () => {
    const receipts = [];
    for (let index = 0; index < 3; index += 1) receipts.push(accepted(await receiveDossier(running, counterSubmission())).receipt);
    statements.mockClear();
    const [first, second, third] = receipts as [(typeof receipts)[0], (typeof receipts)[0], (typeof receipts)[0]];

    const [a, b, c, again, wrongToken, unknown] = await Promise.allSettled([
      track(first.code, first.tracking.token),
      track(second.code, second.tracking.token),
      track(third.code, third.tracking.token),
      track(first.code, first.tracking.token),
      track(second.code, first.tracking.token),
      track('05983-260105-9999', first.tracking.token),
    ]);

    expect(trackingStatements()).toBe(1);
    for (const [answer, receipt] of [[a, first], [b, second], [c, third], [again, first]] as const) {
      expect(answer).toMatchObject({ status: 'fulfilled', value: { code: receipt.code, state: 'in_progress', stateLabel: 'Đang giải quyết' } });
    }
    for (const answer of [wrongToken, unknown]) expect(answer).toMatchObject({ status: 'rejected', reason: { code: 'NOT_FOUND' } });
  });

  it('splits a crowd of lookups in one turn into statements of at most 200 codes, answering every one', async () => {
    const codes = Array.from({ length: 450 }, (_, index) => `05983-260105-${String(5000 + index).padStart(4, '0')}`);
    const answers = await Promise.allSettled(codes.map((code) => track(code, 'x'.repeat(22))));
    expect(answers.every((answer) => answer.status === 'rejected' && (answer.reason as { code?: string }).code === 'NOT_FOUND')).toBe(true);
    expect(trackingStatements()).toBe(3);
  });

  it('answers lookups made one after another with a statement each', async () => {
    const receipt = accepted(await receiveDossier(running, counterSubmission())).receipt;
    statements.mockClear();
    for (let index = 0; index < 3; index += 1) {
      await expect(track(receipt.code, receipt.tracking.token)).resolves.toMatchObject({ code: receipt.code });
    }
    expect(trackingStatements()).toBe(3);
  });
});
