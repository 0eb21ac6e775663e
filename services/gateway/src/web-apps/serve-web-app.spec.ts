import { chooseEncoding } from './serve-web-app';

describe('chooseEncoding', () => {
  it('prefers brotli, then gzip, among the copies there are', () => {
    expect(chooseEncoding('gzip, deflate, br, zstd', ['br', 'gzip'])).toBe('br');
    expect(chooseEncoding('gzip, deflate', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('gzip, deflate, br', ['gzip'])).toBe('gzip');
  });

  it('sends the file as it is when nothing offered is accepted', () => {
    expect(chooseEncoding(undefined, ['br', 'gzip'])).toBeUndefined();
    expect(chooseEncoding('identity', ['br', 'gzip'])).toBeUndefined();
    expect(chooseEncoding('br', [])).toBeUndefined();
  });

  it('honours q=0 as a refusal and * as any other', () => {
    expect(chooseEncoding('br;q=0, gzip;q=0.5', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('*;q=0.1, br;q=0', ['br', 'gzip'])).toBe('gzip');
    expect(chooseEncoding('BR ; q=1.0', ['br', 'gzip'])).toBe('br');
  });
});
