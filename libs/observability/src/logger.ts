import { trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Keys whose values identify a citizen. Logs are read by operators, not case handlers. */
const PERSONAL_KEY = /(id_?number|citizen_?id|cccd|cmnd|phone|so_?dien_?thoai|email|password|secret|token|authorization)/i;

export function maskValue(value: unknown): unknown {
  if (typeof value !== 'string') return value === undefined || value === null ? value : '***';
  if (value.length <= 4) return '***';
  return `${'*'.repeat(Math.max(3, value.length - 3))}${value.slice(-3)}`;
}

/** Deep copy with personal data masked; 12-digit personal ID numbers are masked even in free text. */
export function maskPersonalData(input: unknown, depth = 0): unknown {
  if (depth > 6) return input;
  if (typeof input === 'string') return input.replace(/\b\d{9,12}\b/g, (m) => maskValue(m) as string);
  if (Array.isArray(input)) return input.map((v) => maskPersonalData(v, depth + 1));
  if (input && typeof input === 'object' && !(input instanceof Error)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(input)) {
      out[key] = PERSONAL_KEY.test(key) ? maskValue(value) : maskPersonalData(value, depth + 1);
    }
    return out;
  }
  return input;
}

/** `destination` is for tests that read what a process writes; stdout otherwise. */
export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service },
    messageKey: 'msg',
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: {
      level: (label) => ({ level: label }),
      log: (object) => maskPersonalData(object) as Record<string, unknown>,
    },
    mixin() {
      const span = trace.getActiveSpan()?.spanContext();
      return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export type { DestinationStream, Logger };
