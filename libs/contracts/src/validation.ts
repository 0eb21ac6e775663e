import { z } from 'zod';
import { AppError } from './errors';

type Issue = { path: string; message: string };

/**
 * Parses untrusted input. The first problem becomes the message (already in
 * Vietnamese where the schema says so); every problem goes into `details` with
 * its field path so a form can highlight it.
 *
 * Every string of the input (values and object keys, at any depth) is checked
 * first, so no schema can forget it: Postgres refuses NUL and lone surrogates
 * with an error that would surface as a 500, and control or bidirectional
 * characters make a name or a code display differently from what is stored.
 * Accepted strings are normalised to NFC, so "Nguyễn" typed with combining
 * marks and "Nguyễn" typed precomposed are one name in searches and uniqueness.
 */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const issues: Issue[] = [];
  const normalised = sweepText(input, [], 0, issues);
  if (issues.length > 0) throw validationFailed(issues);
  const result = schema.safeParse(normalised);
  if (result.success) return result.data;
  throw validationFailed(result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })));
}

function validationFailed(issues: Issue[]): AppError {
  const first = issues[0];
  const where = first?.path ? ` (trường "${first.path}")` : '';
  return new AppError('VALIDATION_FAILED', `Dữ liệu không hợp lệ${where}: ${first?.message ?? 'không rõ lỗi'}`, { issues });
}

// No form of the platform nests this deep; the limit also keeps the walk (and zod's own) far from the stack's end.
const MAX_INPUT_DEPTH = 32;

function sweepText(value: unknown, path: (string | number)[], depth: number, issues: Issue[]): unknown {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    if (problem) issues.push({ path: path.join('.'), message: problem });
    return value.normalize('NFC');
  }
  if (value === null || typeof value !== 'object') return value;
  const isArray = Array.isArray(value);
  // Dates and bytes come from our own code (rows merged into input), never from a client's text. Any other object is
  // walked whatever its prototype: body parsers build theirs from prototype-less constructors for speed.
  if (value instanceof Date || ArrayBuffer.isView(value)) return value;
  if (depth >= MAX_INPUT_DEPTH) {
    issues.push({ path: path.join('.'), message: `Dữ liệu lồng nhau quá ${MAX_INPUT_DEPTH} cấp; kiểm tra lại cấu trúc dữ liệu gửi lên.` });
    return value;
  }
  if (isArray) return value.map((item, index) => sweepText(item, [...path, index], depth + 1, issues));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => {
      const problem = textProblem(key, 'Tên trường');
      if (problem) issues.push({ path: [...path, key].join('.'), message: problem });
      return [key.normalize('NFC'), sweepText(item, [...path, key], depth + 1, issues)];
    }),
  );
}

// C0 controls except tab, line feed and carriage return (free text may span lines), DEL, and C1 controls.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the directional marks and the Arabic letter mark:
// they reorder what a clerk sees without changing what is stored (a code "abc‮fed" reads as "abcdef").
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/u;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const codePoint = (char: string) => `U+${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** What is wrong with a text, in words a clerk can act on; undefined when nothing is. */
function textProblem(text: string, subject = 'Nội dung'): string | undefined {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) {
    return `${subject} chứa ký tự lỗi (${codePoint(surrogate[0])}) ở vị trí ${surrogate.index + 1}, thường do sao chép từ tài liệu khác; hãy gõ lại nội dung này.`;
  }
  const control = CONTROL.exec(text);
  if (control) {
    return `${subject} chứa ký tự điều khiển không hiển thị (${codePoint(control[0])}) ở vị trí ${control.index + 1}; hãy xóa ký tự này rồi gửi lại.`;
  }
  const bidi = BIDI.exec(text);
  if (bidi) {
    return `${subject} chứa ký tự ẩn đảo chiều văn bản (${codePoint(bidi[0])}) ở vị trí ${bidi.index + 1}, làm chữ hiển thị khác với nội dung thật; hãy xóa ký tự này rồi gửi lại.`;
  }
  return undefined;
}

// Characters that take no visible space: whitespace, format characters (zero-width space and joiners, BOM, soft hyphen),
// the Hangul fillers and the blank braille pattern, which fonts draw as nothing.
const INVISIBLE = /^[\p{White_Space}\p{Cf}\u115F\u1160\u3164\uFFA0\u2800]*$/u;

/**
 * A person's, organisation's or unit's name: one line, at least one visible
 * character, trimmed. `label` is the field as a clerk calls it ("họ và tên").
 */
export const nameSchema = (label: string, max = 200) => {
  const capitalised = `${label.charAt(0).toUpperCase()}${label.slice(1)}`;
  return z
    .string({ error: `Thiếu ${label}.` })
    .trim()
    .min(1, `Chưa nhập ${label}.`)
    .max(max, `${capitalised} tối đa ${max} ký tự.`)
    .refine((name) => !/[\t\n\r]/.test(name), `${capitalised} chỉ được viết trên một dòng.`)
    .refine((name) => !INVISIBLE.test(name), `${capitalised} chỉ gồm ký tự trắng hoặc ký tự ẩn; hãy nhập tên có chữ.`);
};
