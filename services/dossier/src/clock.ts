/** The time a use case acts at; tests replace it to work deadlines out by hand. */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = { now: () => new Date() };
