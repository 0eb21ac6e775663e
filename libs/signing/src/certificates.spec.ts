import { randomSerial } from './certificates';

describe('certificate and time-stamp serial numbers', () => {
  it('are positive and minimally encoded, so OpenSSL parses every certificate and token that carries one', () => {
    for (let draw = 0; draw < 5_000; draw += 1) {
      const der = Buffer.from(randomSerial(16).toBER(false));
      // tag, length, then the value: its first byte neither zero (not minimal) nor 0x80 or above (negative)
      expect(der.subarray(0, 2)).toEqual(Buffer.from([0x02, 16]));
      expect(der[2]).toBeGreaterThanOrEqual(0x01);
      expect(der[2]).toBeLessThanOrEqual(0x7f);
    }
  });
});
