/**
 * The peak-hour scenario: one definition that the k6 script
 * (load-tests/k6/peak-hour.ts) and the local autocannon runner
 * (load-tests/runner/load.ts) both import, so the mix, the arrival rates, the
 * generated data and the thresholds cannot drift apart.
 *
 * Plain TypeScript without Node or k6 imports: k6 runs it as it is, Node runs
 * it compiled by tools/build.js. Demo data (units, procedures) is passed in by
 * the caller, because k6 reads files with open() and Node with fs.
 */

// ---- what is sent ----------------------------------------------------------------------------------

export const REQUEST_KINDS = ['submit_counter', 'submit_online', 'work_queue', 'hand_over', 'approve', 'tracking', 'report'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Roles the load provisions in every commune and ward (one account each). */
export const LOAD_ROLES = ['clerk', 'specialist', 'leader', 'clerical'] as const;
export type LoadRole = (typeof LOAD_ROLES)[number];

export const LOAD_PASSWORD = 'MotCua@2026';
/** The demo province admin, who provisions the load accounts and reads province-wide reports. */
export const PROVINCE_ADMIN = 'admin.tinh';
export const PROVINCE_CODE = '20';
export const loadUsername = (role: LoadRole, unitCode: string) => `tai.${role}.${unitCode}`;
/** Citizens registered for online submissions: 12-digit ID numbers born in Lạng Sơn (020), 1990. */
export const CITIZEN_COUNT = 40;
export const citizenIdNumber = (index: number) => `020090${String(index + 1).padStart(6, '0')}`;

/** Who a request is sent as. */
export type Caller = { role: LoadRole; unitCode: string } | { citizen: number } | { admin: true } | null;

export interface PlannedRequest {
  kind: RequestKind;
  method: 'GET' | 'POST';
  /** Path and query under the gateway, e.g. /api/v1/dossiers */
  path: string;
  body?: unknown;
  as: Caller;
  /** For hand_over/approve: the dossier taken from a pool, put back or moved on by the response. */
  dossier?: TrackedDossier;
}

// ---- the arrival model ---------------------------------------------------------------------------

export interface Stage {
  /** Seconds */
  duration: number;
  /** Iterations (= requests) per second at the end of the stage */
  target: number;
}

export interface Thresholds {
  /** Every check passes and no request fails. */
  maxErrorRate: number;
  p99Ms: number;
}

export interface ScenarioDefinition {
  name: ScenarioName;
  description: string;
  /** Share of each kind, in percent; adds up to 100. */
  mix: Readonly<Partial<Record<RequestKind, number>>>;
  startRate: number;
  stages: readonly Stage[];
  /** k6 preAllocatedVUs / maxVUs; the runner's connection count. */
  preAllocatedVUs: number;
  maxVUs: number;
  thresholds: Thresholds;
  /** Dossiers submitted before the measured stages, so lookups and hand-overs have something to act on. */
  seedDossiers: number;
}

export type ScenarioName = 'submissions' | 'tracking' | 'peak_hour';

const num = (value: string | undefined, fallback: number) => (value !== undefined && value !== '' && Number.isFinite(Number(value)) ? Number(value) : fallback);

/**
 * The three scenarios of issue 7. `env` overrides the rates and the hold time
 * (LOAD_SUBMIT_RATE, LOAD_TRACKING_RATE, LOAD_PEAK_STEPS, LOAD_HOLD_SECONDS)
 * so routine runs can be shorter; the thresholds are never overridden.
 */
export function scenarios(env: Record<string, string | undefined> = {}): Record<ScenarioName, ScenarioDefinition> {
  const hold = num(env.LOAD_HOLD_SECONDS, 60);
  const ramp = num(env.LOAD_RAMP_SECONDS, 10);
  // A list ("100,200,300") holds each rate in turn: a staircase to find where the thresholds break.
  const rates = (value: string | undefined, fallback: number) => {
    const list = (value ?? '').split(',').map(Number).filter((n) => Number.isFinite(n) && n > 0);
    return list.length ? list : [fallback];
  };
  const submitRates = rates(env.LOAD_SUBMIT_RATE, 1000);
  const trackingRates = rates(env.LOAD_TRACKING_RATE, 5000);
  const staircase = (list: number[]) => list.flatMap((target) => [
    { duration: ramp, target },
    { duration: hold, target },
  ]);
  const peakSteps = (env.LOAD_PEAK_STEPS ?? '25,50,100,150,200,300').split(',').map(Number).filter((n) => n > 0);
  const peakStep = num(env.LOAD_PEAK_STEP_SECONDS, 30);
  return {
    submissions: {
      name: 'submissions',
      description: 'Submissions only (counter and online) through gateway → dossier → Postgres → outbox → JetStream → reporting',
      mix: SUBMISSION_MIX,
      startRate: Math.max(1, Math.round((submitRates[0] as number) / 10)),
      stages: staircase(submitRates),
      preAllocatedVUs: 200,
      maxVUs: 400,
      thresholds: SUBMISSION_THRESHOLDS,
      seedDossiers: 0,
    },
    tracking: {
      name: 'tracking',
      description: 'Public tracking lookups by code and receipt token',
      mix: TRACKING_MIX,
      startRate: Math.max(1, Math.round((trackingRates[0] as number) / 10)),
      stages: staircase(trackingRates),
      preAllocatedVUs: 200,
      maxVUs: 400,
      thresholds: TRACKING_THRESHOLDS,
      seedDossiers: 2_000,
    },
    peak_hour: {
      name: 'peak_hour',
      description: 'The peak-hour mix at increasing arrival rates; the sustainable rate is the highest step within the thresholds',
      mix: PEAK_HOUR_MIX,
      startRate: peakSteps[0] ?? 25,
      // Each step: a short ramp to the rate, then hold it.
      stages: peakSteps.flatMap((target) => [
        { duration: 5, target },
        { duration: peakStep, target },
      ]),
      preAllocatedVUs: 100,
      maxVUs: 300,
      thresholds: PEAK_HOUR_THRESHOLDS,
      seedDossiers: 1_000,
    },
  };
}

/** Two thirds at the counter, one third online (the province's channel split at peak hour). */
export const SUBMISSION_MIX: Readonly<Partial<Record<RequestKind, number>>> = { submit_counter: 67, submit_online: 33 };
export const TRACKING_MIX: Readonly<Partial<Record<RequestKind, number>>> = { tracking: 100 };
/** A morning at the one-stop counters: receiving, clerks and officers working their queues, citizens tracking, managers reading reports. */
export const PEAK_HOUR_MIX: Readonly<Partial<Record<RequestKind, number>>> = {
  submit_counter: 25,
  submit_online: 10,
  work_queue: 20,
  hand_over: 15,
  approve: 5,
  tracking: 20,
  report: 5,
};

export const SUBMISSION_THRESHOLDS: Thresholds = { maxErrorRate: 0, p99Ms: 250 };
export const TRACKING_THRESHOLDS: Thresholds = { maxErrorRate: 0, p99Ms: 50 };
export const PEAK_HOUR_THRESHOLDS: Thresholds = { maxErrorRate: 0, p99Ms: 500 };

/** The thresholds in k6's syntax, per scenario tag, derived from the same objects the runner checks. */
export function k6Thresholds(definition: ScenarioDefinition): Record<string, string[]> {
  const tag = `{scenario:${definition.name}}`;
  return {
    [`http_req_duration${tag}`]: [`p(99)<${definition.thresholds.p99Ms}`],
    [`http_req_failed${tag}`]: [`rate<=${definition.thresholds.maxErrorRate}`],
    [`checks${tag}`]: [`rate>=${1 - definition.thresholds.maxErrorRate}`],
  };
}

/** k6 options for one scenario (ramping-arrival-rate: an open model, arrivals do not wait for responses). */
export function k6Options(definition: ScenarioDefinition) {
  return {
    scenarios: {
      [definition.name]: {
        executor: 'ramping-arrival-rate',
        startRate: definition.startRate,
        timeUnit: '1s',
        preAllocatedVUs: definition.preAllocatedVUs,
        maxVUs: definition.maxVUs,
        stages: definition.stages.map((stage) => ({ duration: `${stage.duration}s`, target: stage.target })),
      },
    },
    thresholds: k6Thresholds(definition),
    setupTimeout: '600s',
    summaryTrendStats: ['avg', 'min', 'med', 'p(90)', 'p(95)', 'p(99)', 'max'],
  };
}

// ---- demo data -----------------------------------------------------------------------------------

export interface DemoUnit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  validTo: string | null;
}
export interface DemoProcedure {
  code: string;
  name: string;
  level: string;
  components: { name: string; copyType: string; condition?: string }[];
  channels: { counter: boolean; online: 'none' | 'partial' | 'full' };
}

export interface WeightedUnit {
  code: string;
  name: string;
  weight: number;
}

/**
 * The communes and wards in force, weighted for a morning's traffic: a ward
 * (the city) 12, the next eight communes by list order (district centres) 3,
 * the other, mostly mountain, communes 1. The same skew as the work-queue
 * benchmark's generated million dossiers.
 */
export function weightedUnits(units: readonly DemoUnit[]): WeightedUnit[] {
  const inForce = units.filter((unit) => (unit.kind === 'ward' || unit.kind === 'commune') && unit.parentCode === PROVINCE_CODE && !unit.validTo);
  let communes = 0;
  return inForce.map((unit) => {
    const weight = unit.kind === 'ward' ? 12 : communes++ < 8 ? 3 : 1;
    return { code: unit.code, name: unit.name, weight };
  });
}

/** Procedures a commune receives at the counter, and those of them also offered online. */
export function communeProcedures(procedures: readonly DemoProcedure[]) {
  const counter = procedures.filter((procedure) => procedure.level === 'commune' && procedure.channels.counter);
  return { counter, online: counter.filter((procedure) => procedure.channels.online !== 'none') };
}

/** The accounts the load needs, created by the province admin before the first measured request (a 409 means it exists). */
export function provisioningPlan(data: ScenarioData) {
  return {
    staff: data.units.flatMap((unit) =>
      LOAD_ROLES.map((role) => ({
        username: loadUsername(role, unit.code),
        fullName: `Cán bộ ${role} ${unit.name}`.slice(0, 200),
        unitCode: unit.code,
        password: LOAD_PASSWORD,
        roles: [{ role, unitCode: unit.code }],
      })),
    ),
    citizens: Array.from({ length: CITIZEN_COUNT }, (_, index) => ({
      idNumber: citizenIdNumber(index),
      fullName: `Công dân thử tải ${index + 1}`,
      phone: `09${String(10_000_000 + index).padStart(8, '0')}`,
      password: LOAD_PASSWORD,
    })),
  };
}

/** Key of a caller's token in the token table both clients build at setup. */
export function callerKey(caller: Caller): string | null {
  if (!caller) return null;
  if ('admin' in caller) return PROVINCE_ADMIN;
  if ('citizen' in caller) return citizenIdNumber(caller.citizen);
  return loadUsername(caller.role, caller.unitCode);
}

// ---- randomness the same in both (a small seeded generator, per virtual user) -------------------

export type Random = () => number;
/** mulberry32: tiny, seedable, good enough to spread load. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function weightedPick<T>(items: readonly T[], weightOf: (item: T) => number, random: Random): T {
  let total = 0;
  for (const item of items) total += weightOf(item);
  let point = random() * total;
  for (const item of items) {
    point -= weightOf(item);
    if (point < 0) return item;
  }
  return items[items.length - 1] as T;
}

export function pickKind(mix: Readonly<Partial<Record<RequestKind, number>>>, random: Random): RequestKind {
  const kinds = REQUEST_KINDS.filter((kind) => (mix[kind] ?? 0) > 0);
  return weightedPick(kinds, (kind) => mix[kind] ?? 0, random);
}

const FAMILY = ['Nguyễn', 'Hoàng', 'Lường', 'Vi', 'Nông', 'Lăng', 'Hà', 'Lý', 'Triệu', 'Đinh', 'Chu', 'Mã'];
const MIDDLE = ['Văn', 'Thị', 'Minh', 'Thu', 'Đức', 'Ngọc'];
const GIVEN = ['Nam', 'Hà', 'Lan', 'Tài', 'Mai', 'Phương', 'Huyền', 'Thắng', 'Hoa', 'Sơn', 'Dũng', 'Yến'];

/** A plausible individual applicant, unique per (virtual user, iteration). */
export function applicant(vu: number, iteration: number, random: Random) {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const serial = String((vu * 100_000 + iteration) % 1_000_000).padStart(6, '0');
  return {
    kind: 'individual' as const,
    fullName: `${pick(FAMILY)} ${pick(MIDDLE)} ${pick(GIVEN)}`,
    idNumber: `02009${Math.floor(random() * 10)}${serial}`,
    phone: `09${String(Math.floor(random() * 100_000_000)).padStart(8, '0')}`,
  };
}

// ---- state a virtual user keeps: its own dossiers, to hand over, approve and track ---------------

export interface TrackedDossier {
  code: string;
  token: string;
  unitCode: string;
  /** Role of the current step, when the dossier waits for someone the load acts as. */
  waitingFor: LoadRole | null;
  stepKind: string | null;
}

export class VirtualUserState {
  iteration = 0;
  /** Receipts (code + tracking token): what a citizen would look up. Bounded ring. */
  readonly receipts: TrackedDossier[] = [];
  /** Dossiers waiting for a hand-over or an approval by a role the load acts as. */
  readonly work: TrackedDossier[] = [];
  private receiptCursor = 0;

  constructor(
    readonly vu: number,
    readonly random: Random,
    private readonly maxReceipts = 2_000,
    private readonly maxWork = 2_000,
  ) {}

  /** The last dossier a submission returned a receipt for. */
  lastAccepted: TrackedDossier | undefined;

  remember(dossier: TrackedDossier) {
    this.lastAccepted = dossier;
    if (this.receipts.length < this.maxReceipts) this.receipts.push(dossier);
    else this.receipts[this.receiptCursor++ % this.maxReceipts] = dossier;
    this.queue(dossier);
  }

  queue(dossier: TrackedDossier) {
    if (dossier.waitingFor && this.work.length < this.maxWork) this.work.push(dossier);
  }

  /** A dossier waiting for the given action; removed from the pool until its response puts it back. */
  takeWork(approve: boolean): TrackedDossier | undefined {
    const index = this.work.findIndex((dossier) => (dossier.stepKind === 'approve') === approve);
    if (index < 0) return undefined;
    return this.work.splice(index, 1)[0];
  }

  anyReceipt(): TrackedDossier | undefined {
    return this.receipts.length ? this.receipts[Math.floor(this.random() * this.receipts.length)] : undefined;
  }
}

export interface ScenarioData {
  units: WeightedUnit[];
  counterProcedures: DemoProcedure[];
  onlineProcedures: DemoProcedure[];
  /** Every applicant gives an e-mail too and asks to be told by SMS, Zalo and e-mail (the consumer-outage run counts those messages). */
  notifyApplicants?: boolean;
}

export function scenarioData(units: readonly DemoUnit[], procedures: readonly DemoProcedure[]): ScenarioData {
  const { counter, online } = communeProcedures(procedures);
  return { units: weightedUnits(units), counterProcedures: counter, onlineProcedures: online };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

function submission(channel: 'counter' | 'online', data: ScenarioData, state: VirtualUserState, unit: WeightedUnit): PlannedRequest {
  const procedures = channel === 'counter' ? data.counterProcedures : data.onlineProcedures;
  const procedure = procedures[Math.floor(state.random() * procedures.length)] as DemoProcedure;
  const person = applicant(state.vu, state.iteration, state.random);
  const body = {
    procedureCode: procedure.code,
    channel,
    ...(channel === 'online' ? { receivingUnitCode: unit.code } : {}),
    applicant: data.notifyApplicants ? { ...person, email: `${person.idNumber}@thu.example.vn` } : person,
    ...(data.notifyApplicants ? { notifications: { channels: ['sms', 'zalo', 'email'], consent: true } } : {}),
    // Every component required of everyone, so the dossier is accepted (Mẫu 01).
    components: procedure.components.filter((component) => !component.condition).map((component) => ({ name: component.name })),
  };
  return {
    kind: channel === 'counter' ? 'submit_counter' : 'submit_online',
    method: 'POST',
    path: '/api/v1/dossiers',
    body,
    as: channel === 'counter' ? { role: 'clerk', unitCode: unit.code } : { citizen: Math.floor(state.random() * CITIZEN_COUNT) },
  };
}

/**
 * The next request of a virtual user. Kinds that need a dossier in a given
 * state (hand-over, approval, tracking) fall back to a counter submission when
 * the user has none yet, so the arrival rate is kept.
 */
export function planRequest(definition: ScenarioDefinition, data: ScenarioData, state: VirtualUserState, now: Date = new Date()): PlannedRequest {
  state.iteration += 1;
  const kind = pickKind(definition.mix, state.random);
  const unit = weightedPick(data.units, (candidate) => candidate.weight, state.random);
  switch (kind) {
    case 'submit_online':
      return submission('online', data, state, unit);
    case 'work_queue': {
      const role: LoadRole = state.random() < 0.6 ? 'clerk' : 'specialist';
      const counts = state.random() < 0.3;
      return { kind, method: 'GET', path: counts ? '/api/v1/work-queues/counts' : '/api/v1/work-queues/unit?limit=20', as: { role, unitCode: unit.code } };
    }
    case 'hand_over':
    case 'approve': {
      const dossier = state.takeWork(kind === 'approve');
      if (!dossier || !dossier.waitingFor) break;
      return {
        kind,
        method: 'POST',
        path: `/api/v1/dossiers/${encodeURIComponent(dossier.code)}/actions`,
        body: { action: kind },
        as: { role: dossier.waitingFor, unitCode: dossier.unitCode },
        dossier,
      };
    }
    case 'tracking': {
      const receipt = state.anyReceipt();
      if (!receipt) break;
      return { kind, method: 'GET', path: `/api/v1/tracking/${encodeURIComponent(receipt.code)}?token=${encodeURIComponent(receipt.token)}`, as: null };
    }
    case 'report': {
      const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
      const province = state.random() < 0.2;
      const query = `unitCode=${province ? PROVINCE_CODE : unit.code}&from=${isoDay(month)}&to=${isoDay(now)}`;
      return { kind, method: 'GET', path: `/api/v1/reports/timeliness?${query}`, as: province ? { admin: true } : { role: 'leader', unitCode: unit.code } };
    }
    default:
      break;
  }
  return submission('counter', data, state, unit);
}

/** Roles of the workflow steps the load acts on: the first steps by a clerk or specialist (hand over), the approval by a leader. */
const actionable = (step: { role?: string; kind?: string } | null | undefined): LoadRole | null => {
  if (!step) return null;
  if (step.kind === 'approve') return step.role === 'leader' ? 'leader' : null;
  return step.role === 'clerk' || step.role === 'specialist' ? step.role : null;
};

/**
 * Checks one response and feeds the user's state. Returns the failed check's
 * name, or null when every check passed. Both k6 and the runner call this, so
 * "a check" means the same in both.
 */
export function checkResponse(request: PlannedRequest, status: number, body: string | null, state: VirtualUserState): string | null {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the API's JSON, checked field by field below
  let json: any = null;
  try {
    json = body ? JSON.parse(body) : null;
  } catch {
    return `${request.kind}: body is not JSON`;
  }
  switch (request.kind) {
    case 'submit_counter':
    case 'submit_online': {
      if (status !== 201) return `${request.kind}: status ${status}`;
      if (json?.outcome !== 'accepted' || typeof json?.receipt?.code !== 'string' || typeof json?.receipt?.tracking?.token !== 'string') {
        return `${request.kind}: no receipt`;
      }
      const step = json.dossier?.currentStep;
      state.remember({ code: json.receipt.code, token: json.receipt.tracking.token, unitCode: json.receipt.receivingUnitCode, waitingFor: actionable(step), stepKind: step?.kind ?? null });
      return null;
    }
    case 'hand_over':
    case 'approve': {
      if (status !== 200) return `${request.kind}: status ${status}`;
      if (typeof json?.state !== 'string') return `${request.kind}: no dossier state`;
      if (request.dossier) {
        const step = json.currentStep;
        state.queue({ ...request.dossier, waitingFor: json.state === 'in_progress' ? actionable(step) : null, stepKind: step?.kind ?? null });
      }
      return null;
    }
    case 'work_queue':
      if (status !== 200) return `work_queue: status ${status}`;
      return json && (Array.isArray(json.items) || typeof json === 'object') ? null : 'work_queue: no page';
    case 'tracking':
      if (status !== 200) return `tracking: status ${status}`;
      return typeof json?.state === 'string' && typeof json?.code === 'string' ? null : 'tracking: no state';
    case 'report':
      if (status !== 200) return `report: status ${status}`;
      return json?.total && typeof json.total.received === 'number' ? null : 'report: no totals';
  }
}
