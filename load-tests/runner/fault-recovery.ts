import { waitFor } from '@mc/local-infra';
import type { RequestKind } from '../scenario/peak-hour';
import { say } from './platform';
import { consumerStates, type ConsumerState } from './reconcile';

/** One answered request of the steady load that runs under the faults. */
export interface Outcome {
  kind: RequestKind;
  ok: boolean;
  sentAt: number;
  answeredAt: number;
  failure: string | null;
}

export interface FaultResult {
  fault: string;
  at: string;
  /** From the fault to the first 2xx of a request sent after it (or, where asked, to the last failure's answer). */
  recoveryMs: number | null;
  failedResponses: number;
  failures: string[];
  /** For the reporting outage: from its restart until its consumer had nothing pending. */
  catchUpMs?: number | null;
  pendingAtRestart?: number;
}

export const RECOVERY_BOUND_MS = 120_000;

/**
 * How the load fared after a fault at `at`: when requests were served again and
 * which failed meanwhile. `untilLastFailure` counts recovery to the last failed
 * answer, for faults after which a first success does not mean every replica is back.
 */
export async function measureRecovery(
  fault: string,
  at: number,
  outcomes: readonly Outcome[],
  loadDone: () => boolean,
  options: { untilLastFailure?: boolean } = {},
): Promise<FaultResult> {
  let firstOk: Outcome | undefined;
  await waitFor(`a 2xx after ${fault}`, async () => (firstOk = outcomes.find((o) => o.ok && o.sentAt >= at)) !== undefined || loadDone(), RECOVERY_BOUND_MS, 50).catch(() => undefined);
  const lastFailed = outcomes.filter((o) => !o.ok && o.sentAt >= at).reduce((latest, o) => Math.max(latest, o.answeredAt), at);
  const failed = options.untilLastFailure
    ? outcomes.filter((o) => !o.ok && o.sentAt >= at && o.sentAt <= lastFailed)
    : outcomes.filter((o) => !o.ok && o.sentAt >= at && (!firstOk || o.sentAt <= firstOk.answeredAt));
  const reasons = new Map<string, number>();
  for (const o of failed) reasons.set(o.failure ?? '?', (reasons.get(o.failure ?? '?') ?? 0) + 1);
  const served = firstOk && (options.untilLastFailure ? Math.max(firstOk.answeredAt, lastFailed) : firstOk.answeredAt);
  const result = {
    fault,
    at: new Date(at).toISOString(),
    recoveryMs: served ? served - at : null,
    failedResponses: failed.length,
    failures: [...reasons.entries()].map(([reason, n]) => `${n} × ${reason}`),
  };
  const what = options.untilLastFailure ? 'served again after' : 'first 2xx after';
  say(`${fault}: ${what} ${result.recoveryMs ?? '—'} ms; ${failed.length} failed responses meanwhile${result.failures.length ? ` (${result.failures.join('; ')})` : ''}`);
  return result;
}

/**
 * Every failed answer of the run, each in the window of the fault before it (from that fault to the next, the
 * last to the end of the load): failures that come after a fault's live measurement returned still count, and
 * so do those before the first fault.
 */
export function failuresByWindow(faults: ReadonlyArray<{ fault: string; at: number }>, outcomes: readonly Outcome[]) {
  const windows = [{ fault: 'before the first fault', at: 0 }, ...faults];
  return windows.map((window, i) => {
    const end = windows[i + 1]?.at ?? Number.POSITIVE_INFINITY;
    const failed = outcomes.filter((o) => !o.ok && o.sentAt >= window.at && o.sentAt < end);
    const reasons = new Map<string, number>();
    for (const o of failed) reasons.set(o.failure ?? '?', (reasons.get(o.failure ?? '?') ?? 0) + 1);
    const lastFailedMs = failed.length && window.at ? Math.max(...failed.map((o) => o.answeredAt)) - window.at : null;
    return { fault: window.fault, failedResponses: failed.length, lastFailedMs, failures: [...reasons.entries()].map(([reason, n]) => `${n} × ${reason}`) };
  });
}

/** The durable consumers of the given services (named `<service>__…`), as JetStream reports them now. */
export async function consumersOf(natsUrl: string, namespace: string, serviceNames: readonly string[]): Promise<ConsumerState[]> {
  return (await consumerStates(natsUrl, namespace).catch(() => [])).filter((c) => serviceNames.some((name) => c.consumer.startsWith(`${name}__`)));
}

/**
 * Waits until each consumer read at a restart has acknowledged everything its
 * stream held then; returns the milliseconds from `since`, or null past the bound.
 */
export async function waitForCatchUp(natsUrl: string, namespace: string, serviceNames: readonly string[], atRestart: readonly ConsumerState[], since: number, boundMs = RECOVERY_BOUND_MS): Promise<number | null> {
  return waitFor(
    `the consumers of ${serviceNames.join(', ')} to catch up`,
    async () => {
      const now = await consumersOf(natsUrl, namespace, serviceNames);
      // A consumer whose filter matches none of the stream's newest messages never moves its floor there: nothing pending is caught up too.
      return atRestart.every((before) => {
        const current = now.find((c) => c.consumer === before.consumer && c.stream === before.stream);
        return current !== undefined && (current.ackFloor >= before.streamLastSeq || current.pending + current.ackPending === 0);
      });
    },
    boundMs,
    100,
  )
    .then(() => Date.now() - since)
    .catch(() => null);
}
