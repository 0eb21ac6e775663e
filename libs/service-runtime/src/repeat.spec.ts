import { repeat } from './repeat';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('repeat', () => {
  it('never runs two passes at once, goes on after a failed one, and stops after the pass in flight', async () => {
    let inFlight = 0;
    let most = 0;
    let passes = 0;
    const errors: string[] = [];
    const job = repeat(
      5,
      async () => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        await sleep(20);
        inFlight -= 1;
        passes += 1;
        if (passes === 1) throw new Error('first pass failed');
      },
      (error) => errors.push(error.message),
      { runNow: true },
    );
    while (passes < 3) await sleep(5);
    await job.stop();
    const afterStop = passes;
    await sleep(50);
    expect(most).toBe(1);
    expect(errors).toEqual(['first pass failed']);
    expect(inFlight).toBe(0);
    expect(passes).toBe(afterStop);
  });
});
