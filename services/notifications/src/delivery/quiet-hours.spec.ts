import { quietUntil } from './quiet-hours';

describe('SMS quiet hours in Vietnam time', () => {
  it('holds from the evening to the next morning, and not during the day', () => {
    // 22:30 on 07/12/2026 in Vietnam is 15:30 UTC.
    expect(quietUntil(new Date('2026-12-07T15:30:00Z'), '21:00', '07:00')?.toISOString()).toBe('2026-12-08T00:00:00.000Z');
    // 05:00 on 08/12 in Vietnam: the same night, ending at 07:00 that day.
    expect(quietUntil(new Date('2026-12-07T22:00:00Z'), '21:00', '07:00')?.toISOString()).toBe('2026-12-08T00:00:00.000Z');
    expect(quietUntil(new Date('2026-12-08T00:00:00Z'), '21:00', '07:00')).toBeNull();
    expect(quietUntil(new Date('2026-12-08T13:59:00Z'), '21:00', '07:00')).toBeNull();
    expect(quietUntil(new Date('2026-12-08T05:00:00Z'), '12:00', '13:30')?.toISOString()).toBe('2026-12-08T06:30:00.000Z');
  });
});
