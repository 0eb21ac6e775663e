import type { FastifyInstance } from 'fastify';
import { AppError } from '@mc/contracts';

const OPEN_OBJECT = 0x7b; // {
const OPEN_ARRAY = 0x5b; // [
const CLOSE_OBJECT = 0x7d; // }
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22; // "
const BACKSLASH = 0x5c; // \

/**
 * How deep objects and arrays nest, counted on the raw text before it is
 * parsed: JSON nested thousands deep parses, but then overflows the stack of
 * whatever walks it (serialising it onto the bus, validating it).
 */
export function exceedsDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i += 1;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) depth -= 1;
  }
  return false;
}

/**
 * The only body the API takes is a JSON object. Fastify's other default
 * parser (text/plain) is removed, so plain text answers 415 here in Vietnamese
 * instead of reaching a service's validation as a string.
 */
export function acceptJsonObjects(fastify: FastifyInstance, maxDepth: number): void {
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (exceedsDepth(text, maxDepth)) {
      done(new AppError('VALIDATION_FAILED', `Dữ liệu JSON lồng nhau quá sâu (tối đa ${maxDepth} cấp).`), undefined);
      return;
    }
    parse(request, text, (error, value) => {
      if (error) return done(error, undefined);
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return done(new AppError('VALIDATION_FAILED', 'Dữ liệu gửi lên phải là một đối tượng JSON, dạng {"tên trường": giá trị}.'), undefined);
      }
      done(null, value);
    });
  });
}
