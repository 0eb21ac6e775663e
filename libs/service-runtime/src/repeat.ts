export interface Repeating {
  /** Stops the timer and waits for a pass in flight. */
  stop(): Promise<void>;
}

/**
 * Runs `task` every `everyMs` (and once at once when `runNow`) in this replica, a
 * pass never overlapping the one before it; a failed pass goes to `onError` and
 * the next tick runs as usual. The timer does not keep the process alive.
 */
export function repeat(everyMs: number, task: () => Promise<unknown>, onError: (error: Error) => void, { runNow = false } = {}): Repeating {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(() => task().catch(onError));
  };
  if (runNow) tick();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
