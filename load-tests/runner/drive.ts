/**
 * Applies a scenario definition with autocannon: the arrival stages become
 * fixed-rate steps (autocannon's overallRate, spread over the connections),
 * every request is planned by the scenario's planRequest and checked by its
 * checkResponse, and latency is recorded per request kind.
 */
import autocannon from 'autocannon';
import {
  callerKey,
  checkResponse,
  planRequest,
  REQUEST_KINDS,
  type PlannedRequest,
  type RequestKind,
  type ScenarioData,
  type ScenarioDefinition,
  type Stage,
  type VirtualUserState,
} from '../scenario/peak-hour';
import type { Tokens } from './platform';

export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
}

export interface StepResult {
  label: string;
  targetRate: number;
  durationSeconds: number;
  /** Responses per second actually received. */
  achievedRate: number;
  requests: number;
  /** Status outside 2xx, failed checks, connection errors and timeouts. */
  errors: number;
  errorSamples: string[];
  latency: LatencySummary;
  byKind: Partial<Record<RequestKind, LatencySummary & { errors: number }>>;
  /** Submissions answered 2xx in this step. */
  submissions2xx: number;
  /** Filled in by the load runner: what the database's connections were doing (average count). */
  database?: { what: string; average: number }[];
}

export function summarise(values: number[]): LatencySummary {
  if (!values.length) return { count: 0, p50: 0, p90: 0, p95: 0, p99: 0, max: 0 };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const round = (n: number) => Math.round(n * 100) / 100;
  return { count: sorted.length, p50: round(at(0.5)), p90: round(at(0.9)), p95: round(at(0.95)), p99: round(at(0.99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

/** Autocannon instances per step, started 1/PHASES s apart (LOAD_PHASES). */
const PHASES = Number(process.env.LOAD_PHASES ?? 20);

interface InFlight {
  request: PlannedRequest;
  started: bigint;
  sentAt: number;
}

export interface DriveOptions {
  baseUrl: string;
  definition: ScenarioDefinition;
  data: ScenarioData;
  tokens: Tokens;
  /** One state per run, shared by the connections (k6 keeps one per virtual user; here the pool is common). */
  state: VirtualUserState;
  /** Every submission answered 2xx, for the reconciliation. */
  accepted: Map<string, string>;
  /** Called for every response: when it was sent and answered (ms since the epoch), and whether its check passed. */
  onResult?: (result: { kind: RequestKind; ok: boolean; sentAt: number; answeredAt: number; failure: string | null }) => void;
  /** Filled in by runStep: ends the step before its duration (a long background load). */
  control?: { stop?: () => void };
  /** Called once a second with the responses and errors of that second. */
  onSecond?: (second: { at: number; ok: number; errors: number }) => void;
}

/**
 * Runs one step at a fixed rate. Autocannon spreads `overallRate` over the
 * connections and sends each connection's share at the start of each second,
 * so `connections` is what bounds the requests in flight.
 */
export async function runStep(options: DriveOptions, label: string, rate: number, durationSeconds: number, connections: number): Promise<StepResult> {
  const { baseUrl, definition, data, tokens, state, accepted } = options;
  const latencies: number[] = [];
  const instances: autocannon.Instance[] = [];
  const perKind = new Map<RequestKind, { values: number[]; errors: number }>(REQUEST_KINDS.map((kind) => [kind, { values: [], errors: 0 }]));
  const samples = new Map<string, number>();
  let errors = 0;
  let submissions = 0;
  let second = { ok: 0, errors: 0 };
  const ticker = options.onSecond
    ? setInterval(() => {
        options.onSecond?.({ at: Date.now(), ...second });
        second = { ok: 0, errors: 0 };
      }, 1_000)
    : undefined;
  const note = (reason: string) => {
    errors += 1;
    second.errors += 1;
    samples.set(reason, (samples.get(reason) ?? 0) + 1);
  };

  const launch = (phaseRate: number, phaseConnections: number) => new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
    url: baseUrl,
    connections: phaseConnections,
    overallRate: phaseRate,
    duration: durationSeconds,
    pipelining: 1,
    timeout: 10,
    ignoreCoordinatedOmission: true,
    requests: [
      {
        setupRequest: (request, context) => {
          const planned = planRequest(definition, data, state);
          const key = callerKey(planned.as);
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (key) headers.authorization = `Bearer ${tokens[key]}`;
          (context as { inFlight?: InFlight }).inFlight = { request: planned, started: process.hrtime.bigint(), sentAt: Date.now() };
          return {
            ...request,
            method: planned.method,
            path: planned.path,
            headers,
            body: planned.body === undefined ? undefined : JSON.stringify(planned.body),
          };
        },
        onResponse: (status, body, context) => {
          const inFlight = (context as { inFlight?: InFlight }).inFlight;
          if (!inFlight) return;
          const elapsed = Number(process.hrtime.bigint() - inFlight.started) / 1e6;
          latencies.push(elapsed);
          const kind = perKind.get(inFlight.request.kind);
          kind?.values.push(elapsed);
          const failed = checkResponse(inFlight.request, status, body, state);
          options.onResult?.({ kind: inFlight.request.kind, ok: failed === null, sentAt: inFlight.sentAt, answeredAt: Date.now(), failure: failed });
          if (failed) {
            if (kind) kind.errors += 1;
            note(failed);
          } else {
            second.ok += 1;
            if (inFlight.request.kind === 'submit_counter' || inFlight.request.kind === 'submit_online') {
              submissions += 1;
              const receipt = state.lastAccepted;
              if (receipt) accepted.set(receipt.code, receipt.unitCode);
            }
          }
        },
      },
    ],
  } as autocannon.Options, (error, result) => (error ? reject(error) : resolve(result)));
    instances.push(instance);
  });
  if (ticker) clearInterval(ticker);
  // Autocannon sends each connection's share of a second at the start of that second. Started as
  // `phases` instances offset by 1/phases s, the arrivals come in small groups spread over the second.
  const phases = Math.max(1, Math.min(PHASES, rate));
  if (options.control) options.control.stop = () => instances.forEach((instance) => instance.stop());
  const perPhaseConnections = Math.max(1, Math.ceil(Math.min(connections, rate) / phases));
  const results = await Promise.all(
    Array.from({ length: phases }, async (_, phase) => {
      const phaseRate = Math.floor(rate / phases) + (phase < rate % phases ? 1 : 0);
      await new Promise((resolve) => setTimeout(resolve, (phase * 1_000) / phases));
      return launch(phaseRate, Math.min(perPhaseConnections, phaseRate));
    }),
  );
  const result = { errors: results.reduce((sum, r) => sum + r.errors, 0), timeouts: results.reduce((sum, r) => sum + r.timeouts, 0) };
  // Connection errors and timeouts (10 s) never reach onResponse; autocannon counts them (timeouts included in errors).
  if (result.errors > 0) {
    errors += result.errors;
    samples.set(`connection errors or timeouts (of them ${result.timeouts} timeouts)`, result.errors);
  }
  const byKind: StepResult['byKind'] = {};
  for (const [kind, { values, errors: kindErrors }] of perKind) if (values.length || kindErrors) byKind[kind] = { ...summarise(values), errors: kindErrors };
  return {
    label,
    targetRate: rate,
    durationSeconds,
    achievedRate: Math.round((latencies.length / durationSeconds) * 10) / 10,
    requests: latencies.length,
    errors,
    errorSamples: [...samples.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([reason, n]) => `${n} × ${reason}`),
    latency: summarise(latencies),
    byKind,
    submissions2xx: submissions,
  };
}

/**
 * The scenario's stages as steps: a ramp (target differs from the previous
 * one) is cut into steps of about 5 s at interpolated rates; a hold is one step.
 */
export function stepsOf(definition: ScenarioDefinition): { label: string; rate: number; seconds: number; measured: boolean }[] {
  const steps: { label: string; rate: number; seconds: number; measured: boolean }[] = [];
  let previous = definition.startRate;
  definition.stages.forEach((stage: Stage, index) => {
    if (stage.target === previous) {
      steps.push({ label: `hold ${stage.target}/s`, rate: stage.target, seconds: stage.duration, measured: true });
    } else {
      const parts = Math.max(1, Math.round(stage.duration / 5));
      for (let part = 1; part <= parts; part += 1) {
        const rate = Math.round(previous + ((stage.target - previous) * part) / parts);
        steps.push({ label: `ramp ${index + 1}.${part} → ${rate}/s`, rate, seconds: Math.max(1, Math.round(stage.duration / parts)), measured: false });
      }
    }
    previous = stage.target;
  });
  return steps;
}
