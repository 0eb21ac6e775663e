import { z } from 'zod';
import { AppError, httpStatusFor } from './errors';
import { parseInput } from './validation';

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
