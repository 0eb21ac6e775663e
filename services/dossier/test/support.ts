import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AppError,
  dossierActionRequestSchema,
  eventStreamName,
  parseInput,
  receiveDossierRequestSchema,
  type DossierAction,
  type EventEnvelope,
  type ProcedureVersionView,
  type ReceiveDossierResult,
} from '@mc/contracts';
import type { Principal, Role } from '@mc/auth';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, waitFor, type TestDatabase } from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { createCalendar, STANDARD_OFFICE_HOURS, type WorkingCalendar } from '@mc/working-calendar';
import { CALENDAR_SOURCE } from '../src/adapters/calendar-source';
import { PROCEDURE_CATALOG } from '../src/adapters/procedure-catalog';
import { UNIT_DIRECTORY } from '../src/adapters/unit-directory';
import { CLOCK } from '../src/clock';
import { ActOnDossier } from '../src/handling/act-on-dossier';
import { ReceiveDossier } from '../src/receipt/receive-dossier';
import { dossierService } from '../src/dossier.service';
import { createDossierModule } from '../src/dossier.module';

/**
 * 2026 with the Tết Bính Ngọ break as announced: Monday 16/02 to Friday 20/02
 * are holidays (with the weekends around them, 14/02–22/02 off), plus New Year's Day.
 */
export const CALENDAR_2026: WorkingCalendar = createCalendar({
  weeklyHours: { mon: STANDARD_OFFICE_HOURS, tue: STANDARD_OFFICE_HOURS, wed: STANDARD_OFFICE_HOURS, thu: STANDARD_OFFICE_HOURS, fri: STANDARD_OFFICE_HOURS },
  standardHours: STANDARD_OFFICE_HOURS,
  holidays: ['2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20'],
  swappedWorkingDays: [],
  cutOff: '15:00',
});

export const PROCEDURE_CODE = '1.000689';

/** A published version as the catalog answers it: 3 working days, two required components, five steps. */
export const PUBLISHED_VERSION: ProcedureVersionView = {
  code: PROCEDURE_CODE,
  version: 2,
  status: 'published',
  fieldName: 'Hộ tịch',
  createdAt: '2025-06-01T00:00:00.000Z',
  publishedAt: '2025-06-15T00:00:00.000Z',
  withdrawnAt: null,
  withdrawalReason: null,
  name: 'Đăng ký kết hôn',
  field: 'ho_tich',
  level: 'commune',
  agency: { kind: 'people_committee', name: 'Ủy ban nhân dân cấp xã' },
  processingTime: { value: 3, unit: 'working_days', sameDayCutoff: false },
  fees: [{ kind: 'free', name: 'Lệ phí', description: 'Miễn lệ phí', currency: 'VND' }],
  components: [
    { name: 'Tờ khai đăng ký kết hôn', copyType: 'original', quantity: 1, reusable: false },
    { name: 'Giấy xác nhận tình trạng hôn nhân', copyType: 'original', quantity: 1, reusable: true },
    { name: 'Văn bản ủy quyền', copyType: 'original', quantity: 1, reusable: false, condition: 'Khi nộp thay' },
  ],
  result: { type: 'certificate', name: 'Giấy chứng nhận kết hôn' },
  channels: { counter: true, online: 'partial', postalPickup: true, postalReturn: true },
  legalBasis: ['Luật Hộ tịch số 60/2014/QH13'],
  workflow: [
    { key: 'tiep-nhan', kind: 'receive', name: 'Tiếp nhận hồ sơ', role: 'clerk', sharePercent: 10 },
    { key: 'chuyen-phong', kind: 'transfer', name: 'Văn phòng chuyển hồ sơ', role: 'clerical', sharePercent: 10 },
    { key: 'tham-dinh', kind: 'appraise', name: 'Thẩm định', role: 'specialist', sharePercent: 50 },
    { key: 'phe-duyet', kind: 'approve', name: 'Phê duyệt', role: 'leader', sharePercent: 20 },
    { key: 'tra-ket-qua', kind: 'return', name: 'Trả kết quả', role: 'clerk', sharePercent: 10 },
  ],
  effectiveFrom: '2025-07-01',
};

export const PROVINCE_PROCEDURE_CODE = '2.000001';

/** A procedure the province decides (a department's) and whose rules allow no extension, otherwise like the commune one. */
export const PROVINCE_VERSION: ProcedureVersionView = {
  ...PUBLISHED_VERSION,
  code: PROVINCE_PROCEDURE_CODE,
  name: 'Cấp bản sao trích lục hộ tịch (thử nghiệm cấp tỉnh)',
  level: 'province',
  processingTime: { ...PUBLISHED_VERSION.processingTime, maxExtensions: 0 },
  agency: { kind: 'specialised_agency', name: 'Sở Tư pháp' },
};

export const UNIT_PATHS: Record<string, string> = {
  '20': '/20/',
  '05983': '/20/05983/',
  '05977': '/20/05977/',
  // Agencies a land or household dossier is handled with in liên thông.
  '20.THUE': '/20/20.THUE/',
  '20.VPDKDD': '/20/20.VPDKDD/',
  '20.CA': '/20/20.CA/',
};

export class TestClock {
  private current = new Date('2026-01-05T09:00:00+07:00');
  now = () => new Date(this.current);
  set(instant: string) {
    this.current = new Date(instant);
  }
}

export const principal = (username: string, role: Role, unit: string): Principal => ({
  subject: randomUUID(),
  username,
  kind: role === 'citizen' ? 'citizen' : role === 'postal_client' ? 'client' : 'staff',
  // As the issuer puts it in a citizen's token: the role without a unit.
  roles: role === 'citizen' ? [{ role, unit: '', path: '' }] : [{ role, unit, path: UNIT_PATHS[unit]! }],
  clientId: 'mot-cua-web',
});

export const clerk = principal('tiepnhan.lvt', 'clerk', '05983');
export const clerical = principal('vanphong.lvt', 'clerical', '05983');
export const specialist = principal('chuyenvien.lvt', 'specialist', '05983');
export const leader = principal('lanhdao.lvt', 'leader', '05983');
export const otherClerk = principal('tiepnhan.dk', 'clerk', '05977');

export interface TestDossierService {
  service: RunningService;
  clock: TestClock;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Another replica: the same database and bus namespace as a running one, which keeps ownership of both. */
  replicaOf?: { url: string; namespace: string };
  env?: Record<string, string>;
  /** Keep the service's own read models of units, procedures and calendar instead of the fixed answers. */
  readModels?: boolean;
}

/** The dossier service in this process with a fixed catalog answer, the 2026 calendar (unless `readModels`) and a clock the test sets. */
export async function startDossier(options: StartOptions = {}): Promise<TestDossierService & { url: string; namespace: string }> {
  const namespace = options.replicaOf?.namespace ?? testNamespace();
  const database: TestDatabase | undefined = options.replicaOf ? undefined : await createTestDatabase();
  const url = options.replicaOf?.url ?? (database as TestDatabase).url;
  const clock = new TestClock();
  const fixed = {
    catalog: {
      provide: PROCEDURE_CATALOG,
      useValue: {
        versionInForce: async (code: string) => {
          if (code === PROVINCE_PROCEDURE_CODE) return PROVINCE_VERSION;
          if (code !== PROCEDURE_CODE) throw new AppError('NOT_FOUND', `Không có thủ tục mã ${code}.`);
          return PUBLISHED_VERSION;
        },
      },
    },
    calendar: { provide: CALENDAR_SOURCE, useValue: { forUnit: async () => CALENDAR_2026 } },
    units: {
      provide: UNIT_DIRECTORY,
      useValue: {
        pathOf: async (code: string) => {
          const path = UNIT_PATHS[code];
          if (!path) throw new AppError('NOT_FOUND', `Không có đơn vị ${code}.`);
          return path;
        },
      },
    },
  };
  const module = createDossierModule({ ...(options.readModels ? {} : fixed), clock: { provide: CLOCK, useValue: clock } });
  const service = await startBusService(
    { ...dossierService, module },
    {
      DATABASE_URL: url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      DB_POOL_SIZE: '20',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      // Tests run the deadline check themselves, at the instants they set.
      DOSSIER_DEADLINE_CHECK_MS: '0',
      ...options.env,
    },
  );
  return {
    service,
    clock,
    url,
    namespace,
    async close() {
      await service.close();
      if (!database) return;
      await deleteNamespaceStreams(testNatsUrl(), namespace);
      await database.drop();
    },
  };
}

/** A complete counter submission for the test procedure. */
export const counterSubmission = (overrides: Record<string, unknown> = {}) => ({
  procedureCode: PROCEDURE_CODE,
  channel: 'counter' as const,
  applicant: { kind: 'individual' as const, fullName: 'Hoàng Văn Nam', idNumber: '020095001234', phone: '0912345678' },
  components: [{ name: 'Tờ khai đăng ký kết hôn' }, { name: 'Giấy xác nhận tình trạng hôn nhân' }],
  ...overrides,
});

/** Receives a submission through the use case, as the counter clerk unless told otherwise. */
export const receiveDossier = (running: TestDossierService, body: Record<string, unknown>, who: Principal = clerk) =>
  running.service.app.get(ReceiveDossier).execute(parseInput(receiveDossierRequestSchema, body), who);

export const actOnDossier = (running: TestDossierService, dossierId: string, action: DossierAction, who: Principal, extra: Record<string, unknown> = {}) =>
  running.service.app.get(ActOnDossier).execute(parseInput(dossierActionRequestSchema, { dossierId, action, ...extra }), who);

export function accepted(result: ReceiveDossierResult) {
  if (result.outcome !== 'accepted') throw new Error(`expected accepted, got ${result.outcome}`);
  return result;
}

/** A counter submission received and approved: the next action is issue_result at the return step. */
export async function approvedDossier(running: TestDossierService, overrides: Record<string, unknown> = {}) {
  const received = accepted(await receiveDossier(running, counterSubmission(overrides)));
  await actOnDossier(running, received.dossier.id, 'hand_over', clerk);
  await actOnDossier(running, received.dossier.id, 'hand_over', clerical);
  await actOnDossier(running, received.dossier.id, 'hand_over', specialist);
  await actOnDossier(running, received.dossier.id, 'approve', leader);
  return received;
}

/** Runs a promise expected to fail and returns the AppError's code and details. */
export async function failure(promise: Promise<unknown>): Promise<{ code: string; details: unknown }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('expected a failure');
}

/** Every event of a kind (`evt.dossier.dossier.<event>`) in the stream, oldest first, once the outbox has drained. */
export async function publishedEvents<T = Record<string, unknown>>(running: TestDossierService, event: string): Promise<EventEnvelope<T>[]> {
  const dataSource = running.service.app.get(DataSource);
  await waitFor('outbox relayed', async () => (await dataSource.query('SELECT count(*)::int AS n FROM outbox'))[0].n === 0);
  const bus = running.service.bus;
  const consumer = await bus.js.consumers.get(bus.streamName(eventStreamName('dossier')), {
    filter_subjects: bus.subject(`evt.dossier.dossier.${event}`),
  });
  const pending = (await consumer.info()).num_pending;
  const envelopes: EventEnvelope<T>[] = [];
  if (pending === 0) return envelopes;
  for await (const message of await consumer.fetch({ max_messages: pending, expires: 2000 })) {
    envelopes.push(message.json<EventEnvelope<T>>());
    if (envelopes.length === pending) break;
  }
  return envelopes;
}
