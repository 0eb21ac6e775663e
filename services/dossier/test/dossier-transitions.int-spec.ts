import { DataSource } from 'typeorm';
import {
  DOSSIER_ACTIONS,
  dossierActionRequestSchema,
  eventStreamName,
  parseInput,
  receiveDossierRequestSchema,
  type DossierAction,
  type DossierState,
} from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { waitFor } from '@mc/local-infra';
import { ActOnDossier } from '../src/handling/act-on-dossier';
import { ReceiveDossier } from '../src/receipt/receive-dossier';
import { clerical, clerk, counterSubmission, failure, leader, otherClerk, specialist, startDossier, type TestDossierService } from './support';

const STAFF: Record<string, Principal> = { clerk, clerical, specialist, leader };
type Who = keyof typeof STAFF;

interface Fixture {
  name: string;
  /** Actions (and who takes them) that bring a fresh dossier here. */
  path: [DossierAction, Who][];
  state: DossierState;
  /** The only legal actions here, each with the one staff role allowed to take it. */
  legal: Partial<Record<DossierAction, Who>>;
  /** Legal here, but only for the post (BCCI): every staff role is refused. */
  byPost?: DossierAction[];
}

/*
 * Written out by hand rather than derived from the service's table, so a change
 * in the table that opens or closes a transition fails here. Workflow:
 * tiep-nhan (clerk) → chuyen-phong (clerical) → tham-dinh (specialist) →
 * phe-duyet (leader) → tra-ket-qua (clerk).
 */
const FIXTURES: Fixture[] = [
  { name: 'tiếp nhận', path: [], state: 'in_progress', legal: { hand_over: 'clerk', withdraw: 'clerk', stop: 'leader', apologise: 'leader', extend: 'leader' } },
  {
    name: 'văn phòng chuyển',
    path: [['hand_over', 'clerk']],
    state: 'in_progress',
    legal: { hand_over: 'clerical', send_back: 'clerical', request_supplement: 'clerical', withdraw: 'clerk', stop: 'leader', apologise: 'leader', extend: 'leader' },
  },
  {
    name: 'thẩm định',
    path: [['hand_over', 'clerk'], ['hand_over', 'clerical']],
    state: 'in_progress',
    legal: { hand_over: 'specialist', send_back: 'specialist', request_supplement: 'specialist', withdraw: 'clerk', stop: 'leader', apologise: 'leader', extend: 'leader' },
  },
  {
    name: 'chờ bổ sung',
    path: [['hand_over', 'clerk'], ['hand_over', 'clerical'], ['request_supplement', 'specialist']],
    state: 'awaiting_supplement',
    legal: { receive_supplement: 'clerk', withdraw: 'clerk', stop: 'leader', apologise: 'leader', extend: 'leader' },
  },
  {
    name: 'phê duyệt',
    path: [['hand_over', 'clerk'], ['hand_over', 'clerical'], ['hand_over', 'specialist']],
    state: 'in_progress',
    legal: { send_back: 'leader', approve: 'leader', refuse: 'leader', withdraw: 'clerk', stop: 'leader', apologise: 'leader', extend: 'leader' },
  },
  {
    name: 'đã phê duyệt',
    path: [['hand_over', 'clerk'], ['hand_over', 'clerical'], ['hand_over', 'specialist'], ['approve', 'leader']],
    state: 'approved',
    legal: { issue_result: 'clerk', apologise: 'leader', extend: 'leader' },
  },
  {
    name: 'có kết quả',
    path: [['hand_over', 'clerk'], ['hand_over', 'clerical'], ['hand_over', 'specialist'], ['approve', 'leader'], ['issue_result', 'clerk']],
    state: 'result_ready',
    legal: { return_result: 'clerk', apologise: 'leader', extend: 'leader' },
    byPost: ['hand_to_post'],
  },
  {
    name: 'đã trả',
    path: [
      ['hand_over', 'clerk'],
      ['hand_over', 'clerical'],
      ['hand_over', 'specialist'],
      ['approve', 'leader'],
      ['issue_result', 'clerk'],
      ['return_result', 'clerk'],
    ],
    state: 'returned',
    legal: {},
  },
  { name: 'từ chối', path: [['hand_over', 'clerk'], ['hand_over', 'clerical'], ['hand_over', 'specialist'], ['refuse', 'leader']], state: 'refused', legal: {} },
  { name: 'đã rút', path: [['withdraw', 'clerk']], state: 'withdrawn', legal: {} },
  { name: 'dừng', path: [['stop', 'leader']], state: 'stopped', legal: {} },
];

describe('dossier transitions', () => {
  let running: TestDossierService;
  let dataSource: DataSource;
  const act = async (dossierId: string, action: DossierAction, who: Principal) =>
    running.service.app.get(ActOnDossier).execute(parseInput(dossierActionRequestSchema, { dossierId, action, reason: 'Lý do kiểm thử' }), who);
  const snapshot = async (dossierId: string) => ({
    dossier: await dataSource.query('SELECT * FROM dossiers WHERE id = $1', [dossierId]),
    history: await dataSource.query('SELECT seq, hash FROM dossier_history WHERE dossier_id = $1 ORDER BY seq', [dossierId]),
    events: await published(),
  });
  // Once the outbox is empty every committed event is in the stream, so its count is every event ever emitted.
  const published = async () => {
    await waitFor('outbox relayed', async () => (await dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n === 0);
    const bus = running.service.bus;
    return (await bus.jsm.streams.info(bus.streamName(eventStreamName('dossier')))).state.messages;
  };
  const reach = async (fixture: Fixture) => {
    const result = await running.service.app.get(ReceiveDossier).execute(parseInput(receiveDossierRequestSchema, counterSubmission()), clerk);
    if (result.outcome !== 'accepted') throw new Error('not accepted');
    for (const [action, who] of fixture.path) await act(result.dossier.id, action, STAFF[who]!);
    return result.dossier.id;
  };

  beforeAll(async () => {
    running = await startDossier();
    running.clock.set('2026-03-10T09:00:00+07:00');
    dataSource = running.service.app.get(DataSource);
  });
  afterAll(() => running?.close());

  describe.each(FIXTURES)('at "$name"', (fixture) => {
    let dossierId: string;
    beforeAll(async () => {
      dossierId = await reach(fixture);
    });

    const illegal = DOSSIER_ACTIONS.filter((action) => !(action in fixture.legal) && !fixture.byPost?.includes(action));
    if (fixture.byPost?.length) {
      it.each(fixture.byPost)('refuses %s to every staff role: only the post takes it', async (action) => {
        const before = await snapshot(dossierId);
        for (const who of Object.values(STAFF)) expect((await failure(act(dossierId, action, who))).code).toBe('FORBIDDEN');
        expect(await snapshot(dossierId)).toEqual(before);
      });
    }
    it.each(illegal)('refuses %s as an illegal transition, naming the state and changing nothing', async (action) => {
      const before = await snapshot(dossierId);
      // Every staff role tries; the state decides before the role does.
      for (const who of Object.values(STAFF)) {
        const error = await failure(act(dossierId, action, who));
        expect(error.code).toBe('ILLEGAL_TRANSITION');
        expect(error.details).toMatchObject({ state: fixture.state, action });
      }
      expect(await snapshot(dossierId)).toEqual(before);
    });

    const legal = Object.entries(fixture.legal) as [DossierAction, Who][];
    if (legal.length) {
      it.each(legal)('refuses %s to every role but the step\'s (%s), changing nothing', async (action, allowed) => {
        const before = await snapshot(dossierId);
        for (const [name, who] of Object.entries(STAFF)) {
          if (name === allowed) continue;
          expect(await failure(act(dossierId, action, who))).toMatchObject({ code: 'FORBIDDEN' });
        }
        // A clerk of another unit cannot even see the dossier.
        expect(await failure(act(dossierId, action, otherClerk))).toMatchObject({ code: 'NOT_FOUND' });
        expect(await snapshot(dossierId)).toEqual(before);
      });
    }
  });
});
