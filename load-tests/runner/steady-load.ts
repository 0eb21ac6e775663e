import { scenarios, seededRandom, VirtualUserState, type ScenarioData } from '../scenario/peak-hour';
import { runStep, summarise, type LatencySummary } from './drive';
import type { Outcome } from './fault-recovery';
import type { Tokens } from './platform';

export interface SteadyLoad {
  /** Every answered request, appended as they come. */
  outcomes: Outcome[];
  /** Every submission answered 2xx: code → receiving unit. */
  accepted: Map<string, string>;
  done(): boolean;
  /** Ends the load and summarises it. */
  stop(): Promise<{ responses: number; failed: number; latency: LatencySummary }>;
}

/**
 * The submissions scenario's requests at a fixed rate in the background, for
 * at most `maxSeconds`, while a run applies its faults; stopped when they are done.
 */
export function startSteadyLoad(options: { baseUrl: string; data: ScenarioData; tokens: Tokens; rate: number; maxSeconds: number }): SteadyLoad {
  const definition = scenarios(process.env).submissions;
  const state = new VirtualUserState(1, seededRandom(7), 20_000, 0);
  const accepted = new Map<string, string>();
  const outcomes: Outcome[] = [];
  let finished = false;
  const control: { stop?: () => void } = {};
  const { baseUrl, data, tokens, rate, maxSeconds } = options;
  const running = runStep({ baseUrl, definition, data, tokens, state, accepted, control, onResult: (outcome) => outcomes.push(outcome) }, 'steady', rate, maxSeconds, Math.max(rate, 20)).finally(() => {
    finished = true;
  });
  return {
    outcomes,
    accepted,
    done: () => finished,
    async stop() {
      control.stop?.();
      await running;
      return { responses: outcomes.length, failed: outcomes.filter((o) => !o.ok).length, latency: summarise(outcomes.map((o) => o.answeredAt - o.sentAt)) };
    },
  };
}
