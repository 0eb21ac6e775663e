import { readFileSync } from 'node:fs';
import path from 'node:path';
import { stepsOf } from '../runner/drive';
import { demoData } from '../runner/platform';
import {
  checkResponse,
  k6Options,
  PEAK_HOUR_MIX,
  PEAK_HOUR_THRESHOLDS,
  planRequest,
  REQUEST_KINDS,
  scenarios,
  seededRandom,
  SUBMISSION_MIX,
  SUBMISSION_THRESHOLDS,
  TRACKING_THRESHOLDS,
  VirtualUserState,
} from './peak-hour';

/** The k6 script and the local runner must apply one scenario definition; these checks fail if either stops doing so. */
describe('the peak-hour scenario shared by the k6 script and the local runner', () => {
  const k6Script = readFileSync(path.join(__dirname, '../k6/peak-hour.ts'), 'utf8');
  const runnerDrive = readFileSync(path.join(__dirname, '../runner/drive.ts'), 'utf8');
  const runnerLoad = readFileSync(path.join(__dirname, '../runner/load.ts'), 'utf8');

  it('is the module both import, and both take the plan, the checks and the options from it', () => {
    expect(k6Script).toMatch(/from '\.\.\/scenario\/peak-hour\.ts'/);
    expect(k6Script).toMatch(/export const options = k6Options\(definition\)/);
    expect(k6Script).toMatch(/planRequest\(definition, data, state\)/);
    expect(k6Script).toMatch(/checkResponse\(request,/);
    expect(runnerDrive).toMatch(/from '\.\.\/scenario\/peak-hour'/);
    expect(runnerDrive).toMatch(/planRequest\(definition, data, state\)/);
    expect(runnerDrive).toMatch(/checkResponse\(inFlight\.request,/);
    expect(runnerLoad).toMatch(/scenarios\(env\)/);
    // Neither side declares a threshold or a weight of its own.
    for (const source of [k6Script, runnerDrive, runnerLoad]) expect(source).not.toMatch(/p\(99\)<|rate<=|p99Ms:\s*\d/);
  });

  it('gives k6 the thresholds the runner checks, from the same objects', () => {
    const all = scenarios();
    expect(all.submissions.thresholds).toBe(SUBMISSION_THRESHOLDS);
    expect(all.tracking.thresholds).toBe(TRACKING_THRESHOLDS);
    expect(all.peak_hour.thresholds).toBe(PEAK_HOUR_THRESHOLDS);
    expect(all.submissions.mix).toBe(SUBMISSION_MIX);
    expect(all.peak_hour.mix).toBe(PEAK_HOUR_MIX);
    expect(k6Options(all.submissions).thresholds).toEqual({
      'http_req_duration{scenario:submissions}': ['p(99)<250'],
      'http_req_failed{scenario:submissions}': ['rate<=0'],
      'checks{scenario:submissions}': ['rate>=1'],
    });
    expect(k6Options(all.tracking).thresholds['http_req_duration{scenario:tracking}']).toEqual([`p(99)<${TRACKING_THRESHOLDS.p99Ms}`]);
    expect(k6Options(all.peak_hour).thresholds['http_req_duration{scenario:peak_hour}']).toEqual([`p(99)<${PEAK_HOUR_THRESHOLDS.p99Ms}`]);
  });

  it('gives k6 and the runner the same arrival stages (the runner holds each stage k6 ramps to)', () => {
    for (const definition of Object.values(scenarios({ LOAD_SUBMIT_RATE: '100,200', LOAD_HOLD_SECONDS: '20' }))) {
      const k6Stages = k6Options(definition).scenarios[definition.name]?.stages;
      expect(k6Stages).toEqual(definition.stages.map((stage) => ({ duration: `${stage.duration}s`, target: stage.target })));
      const holds = stepsOf(definition).filter((step) => step.measured);
      const k6Holds = definition.stages.filter((stage, index) => stage.target === (index ? definition.stages[index - 1]?.target : definition.startRate));
      expect(holds.map((step) => [step.rate, step.seconds])).toEqual(k6Holds.map((stage) => [stage.target, stage.duration]));
    }
    expect(scenarios().submissions.stages).toEqual([
      { duration: 10, target: 1000 },
      { duration: 60, target: 1000 },
    ]);
    expect(scenarios().tracking.stages.at(-1)).toEqual({ duration: 60, target: 5000 });
  });

  it('spreads submissions over every commune and ward with skew, and keeps the mix it declares', () => {
    const data = demoData();
    expect(data.units).toHaveLength(65);
    expect(data.units.filter((unit) => unit.weight === 12)).toHaveLength(4); // the four wards
    const definition = scenarios().peak_hour;
    const state = new VirtualUserState(3, seededRandom(3));
    // Give the user dossiers to act on, as earlier responses would have.
    for (let i = 0; i < 50; i += 1) {
      state.remember({ code: `05983-261122-${String(i + 1).padStart(4, '0')}`, token: 't', unitCode: '05983', waitingFor: i % 2 ? 'specialist' : 'leader', stepKind: i % 2 ? 'appraise' : 'approve' });
    }
    const counts = Object.fromEntries(REQUEST_KINDS.map((kind) => [kind, 0]));
    const units = new Map<string, number>();
    const draws = 4_000;
    for (let i = 0; i < draws; i += 1) {
      const request = planRequest(definition, data, state, new Date('2026-11-22T03:00:00Z'));
      counts[request.kind] += 1;
      if (request.kind === 'submit_counter' && request.as && 'unitCode' in request.as) units.set(request.as.unitCode, (units.get(request.as.unitCode) ?? 0) + 1);
      if (request.dossier) state.queue(request.dossier); // put it back, as a response would
    }
    for (const kind of ['submit_online', 'work_queue', 'tracking', 'report'] as const) {
      expect(counts[kind] / draws).toBeGreaterThan((PEAK_HOUR_MIX[kind] ?? 0) / 100 - 0.03);
      expect(counts[kind] / draws).toBeLessThan((PEAK_HOUR_MIX[kind] ?? 0) / 100 + 0.03);
    }
    const ward = units.get('05983') ?? 0;
    const quiet = Math.min(...data.units.filter((unit) => unit.weight === 1).map((unit) => units.get(unit.code) ?? 0));
    expect(ward).toBeGreaterThan(quiet * 4);
  });

  it('accepts only a receipt as a successful submission, and remembers it for tracking and hand-over', () => {
    const data = demoData();
    const state = new VirtualUserState(1, seededRandom(1));
    const request = planRequest(scenarios().submissions, data, state);
    expect(request.kind).toMatch(/^submit_/);
    expect(checkResponse(request, 504, '{"error":{"code":"SERVICE_TIMEOUT"}}', state)).toMatch(/status 504/);
    const receipt = { outcome: 'accepted', receipt: { code: '05983-261122-0001', tracking: { token: 'abc' }, receivingUnitCode: '05983' }, dossier: { currentStep: { kind: 'receive', role: 'clerk' } } };
    expect(checkResponse(request, 201, JSON.stringify(receipt), state)).toBeNull();
    expect(state.lastAccepted).toMatchObject({ code: '05983-261122-0001', waitingFor: 'clerk' });
    expect(state.work).toHaveLength(1);
  });
});
