import { failuresByWindow, type Outcome } from './fault-recovery';

const answer = (sentAt: number, ok: boolean, failure: string | null = null): Outcome => ({ kind: 'submit_counter', ok, sentAt, answeredAt: sentAt + 100, failure });

describe('failuresByWindow', () => {
  it('puts every failed answer in the window of the fault before it, however late it came', () => {
    const outcomes = [answer(50, false, 'status 503'), answer(1_000, true), answer(1_100, false, 'status 503'), answer(1_900, false, 'status 504'), answer(3_000, true), answer(3_500, false, 'status 503')];
    const windows = failuresByWindow(
      [
        { fault: 'NATS node', at: 1_000 },
        { fault: 'primary crash', at: 3_000 },
      ],
      outcomes,
    );
    expect(windows).toEqual([
      { fault: 'before the first fault', failedResponses: 1, lastFailedMs: null, failures: ['1 × status 503'] },
      { fault: 'NATS node', failedResponses: 2, lastFailedMs: 1_000, failures: ['1 × status 503', '1 × status 504'] },
      { fault: 'primary crash', failedResponses: 1, lastFailedMs: 600, failures: ['1 × status 503'] },
    ]);
  });
});
