import { z } from 'zod';
import { AppError } from './errors';

/**
 * Parses untrusted input. The first problem becomes the message (already in
 * Vietnamese where the schema says so); every problem goes into `details` with
 * its field path so a form can highlight it.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
  const first = issues[0];
  const where = first?.path ? ` (trường "${first.path}")` : '';
  throw new AppError('VALIDATION_FAILED', `Dữ liệu không hợp lệ${where}: ${first?.message ?? 'không rõ lỗi'}`, { issues });
}
