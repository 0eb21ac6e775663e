/**
 * The time a use case acts at. Services provide it under CLOCK so that tests
 * can set it and check by hand what depends on the day: versions in force,
 * calendar years, open dossiers judged late.
 */
export interface Clock {
  now(): Date;
}
export const CLOCK = Symbol('CLOCK');
export const systemClock: Clock = { now: () => new Date() };
