import { smsSegments } from './sms-units';

describe('SMS segments billed', () => {
  it('counts 160 GSM characters as one and Vietnamese text by 70, then 67 per part', () => {
    expect(smsSegments('a'.repeat(160))).toBe(1);
    expect(smsSegments('a'.repeat(161))).toBe(2);
    expect(smsSegments('ồ'.repeat(70))).toBe(1);
    expect(smsSegments('ồ'.repeat(71))).toBe(2);
    expect(smsSegments('Hồ sơ '.repeat(23))).toBe(3);
  });
});
