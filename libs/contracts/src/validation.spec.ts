import { z } from 'zod';
import { AppError, httpStatusFor } from './errors';
import { nameSchema, parseInput } from './validation';

describe('parseInput', () => {
  const schema = z.object({ idNumber: z.string().regex(/^\d{12}$/, 'Số định danh phải có 12 chữ số.'), copies: z.number().int().min(1) });

  it('returns the parsed value', () => {
    expect(parseInput(schema, { idNumber: '020190000123', copies: 2 })).toEqual({ idNumber: '020190000123', copies: 2 });
  });

  it('throws VALIDATION_FAILED naming the first bad field, with every issue in details', () => {
    let error: unknown;
    try {
      parseInput(schema, { idNumber: '123', copies: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe('VALIDATION_FAILED');
    expect(appError.message).toBe('Dữ liệu không hợp lệ (trường "idNumber"): Số định danh phải có 12 chữ số.');
    expect((appError.details as { issues: { path: string }[] }).issues.map((issue) => issue.path)).toEqual(['idNumber', 'copies']);
  });
});

const refusal = (schema: z.ZodType, input: unknown) => {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    return { code: appError.code, message: appError.message, paths: (appError.details as { issues: { path: string }[] }).issues.map((issue) => issue.path) };
  }
  throw new Error('accepted');
};

describe('parseInput checks every string once, whatever the schema', () => {
  // A schema that takes anything: the check must not depend on the schema asking for it.
  const anything = z.unknown();
  const form = z.object({ applicant: z.object({ fullName: z.string() }), notes: z.array(z.string()).optional() });

  it.each([
    ['NUL', 'Lộc\u0000Văn', 'U+0000'],
    ['a lone high surrogate', 'abc\ud800', 'U+D800'],
    ['a lone low surrogate', '\udc00abc', 'U+DC00'],
    ['the escape control', 'a\u001bb', 'U+001B'],
    ['DEL', 'a\u007fb', 'U+007F'],
    ['a C1 control', 'a\u0085b', 'U+0085'],
    ['a right-to-left override', 'abc\u202efed', 'U+202E'],
    ['a left-to-right isolate', '\u2066abc', 'U+2066'],
    ['a right-to-left mark', 'abc\u200f', 'U+200F'],
  ])('refuses %s with VALIDATION_FAILED, the field path and the character', (_, text, shown) => {
    const refused = refusal(form, { applicant: { fullName: text } });
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.paths).toEqual(['applicant.fullName']);
    expect(refused.message).toContain('(trường "applicant.fullName")');
    expect(refused.message).toContain(shown);
  });

  it('checks values at any depth, in arrays, and object keys, even where the schema takes anything', () => {
    expect(refusal(anything, { a: [{ b: ['ok', 'x\u0000'] }] }).paths).toEqual(['a.0.b.1']);
    expect(refusal(anything, { ['k\u0000ey']: 1 }).message).toMatch(/^Dữ liệu không hợp lệ \(trường "k.ey"\): Tên trường chứa ký tự điều khiển/);
    expect(refusal(anything, 'abc\ud800').code).toBe('VALIDATION_FAILED');
  });

  it('checks objects a body parser built without Object.prototype (URL-encoded forms)', () => {
    // fast-querystring, behind Fastify's form parser, builds its objects from a constructor whose prototype is empty.
    const parsedForm = Object.assign(Object.create(Object.create(null)) as object, { username: 'a\u0000b' });
    expect(refusal(anything, parsedForm).paths).toEqual(['username']);
    expect(refusal(anything, Object.assign(Object.create(null), { b: 'x\u202e' })).paths).toEqual(['b']);
  });

  it('lists every bad string, not only the first', () => {
    expect(refusal(form, { applicant: { fullName: 'a\u0000' }, notes: ['b\u202e', 'c'] }).paths).toEqual(['applicant.fullName', 'notes.0']);
  });

  it('keeps tabs and line breaks in free text, and well-formed pairs such as emoji', () => {
    expect(parseInput(anything, { note: 'Dòng 1\r\n\tDòng 2 👍' })).toEqual({ note: 'Dòng 1\r\n\tDòng 2 👍' });
  });

  it('normalises every accepted string and key to NFC', () => {
    const decomposed = 'Nguye\u0302\u0303n';
    expect(decomposed).not.toBe('Nguyễn');
    expect(parseInput(anything, { [decomposed]: [decomposed] })).toEqual({ Nguyễn: ['Nguyễn'] });
  });

  it('refuses input nested deeper than any form with a 4xx, not a stack overflow', () => {
    let deep: unknown = 'x';
    for (let level = 0; level < 100_000; level++) deep = [deep];
    const refused = refusal(anything, deep);
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.message).toContain('lồng nhau quá 32 cấp');
  });

  it('leaves non-plain objects our own code passes in (dates) as they are', () => {
    const at = new Date('2026-01-05T02:00:00Z');
    expect(parseInput(z.object({ at: z.date() }), { at })).toEqual({ at });
  });
});

describe('nameSchema', () => {
  const schema = z.object({ fullName: nameSchema('họ và tên') });

  it.each([
    ['spaces', '   '],
    ['zero-width spaces', '\u200b\u200b'],
    ['a zero-width joiner and a BOM', '\u200d\ufeff'],
    ['no-break and ideographic spaces', '\u00a0\u3000'],
    ['a Hangul filler', '\u3164'],
    ['a soft hyphen', '\u00ad'],
  ])('refuses a name made only of %s', (_, name) => {
    const refused = refusal(schema, { fullName: name });
    expect(refused.code).toBe('VALIDATION_FAILED');
    expect(refused.paths).toContain('fullName');
  });

  it('refuses a name on two lines', () => {
    expect(refusal(schema, { fullName: 'Lộc\nHùng' }).message).toContain('Họ và tên chỉ được viết trên một dòng.');
  });

  it('accepts a real name, trimmed and in NFC', () => {
    expect(parseInput(schema, { fullName: '  Nguye\u0302\u0303n Thị Hoa ' })).toEqual({ fullName: 'Nguyễn Thị Hoa' });
  });
});

describe('httpStatusFor', () => {
  it.each([
    ['VALIDATION_FAILED', 400],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['NOT_FOUND', 404],
    ['ILLEGAL_TRANSITION', 409],
    ['SERVICE_UNAVAILABLE', 503],
    ['SERVICE_TIMEOUT', 504],
    ['SOMETHING_NEW', 502],
  ])('maps %s to %i', (code, status) => {
    expect(httpStatusFor(code)).toBe(status);
  });
});
