import { AppError } from '@mc/contracts';

// SQLSTATE class 08 (connection exception) and 57P01–57P03 (the server shutting down,
// crashed, or not yet accepting connections): the database went away, the statement was fine.
const LOST_CONNECTION_STATE = /^(08|57P0[1-3])/;
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
// What node-postgres says, without a code, when a connection dies under a query or none can be had in time.
const LOST_CONNECTION_MESSAGE = /^(Connection terminated|timeout exceeded when trying to connect)/;

/** Whether an error (TypeORM's, node-postgres', or a network one, however wrapped) means the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  // Duck-typed: errors raised inside Node's own modules need not be instances of this realm's Error.
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 4; depth += 1) {
    const { code, message, driverError, cause } = current as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || LOST_CONNECTION_STATE.test(code))) return true;
    if (typeof message === 'string' && LOST_CONNECTION_MESSAGE.test(message)) return true;
    current = driverError ?? cause;
  }
  return false;
}

/**
 * What the caller of a service whose database is down is told: try again. Retrying a
 * write is safe: requests that create something carry an idempotency key.
 */
export const databaseUnavailable = (service: string): AppError =>
  new AppError('SERVICE_UNAVAILABLE', `Cơ sở dữ liệu của dịch vụ ${service} tạm thời không phản hồi. Vui lòng thử lại sau ít phút.`);
