import { AppError, type ErrorBody } from '@mc/contracts';
import { InvalidArgumentError, NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { trace } from '@opentelemetry/api';

/** An error reply from another service, its code and message kept intact. */
export class RemoteError extends Error {
  readonly code: string;
  readonly details?: unknown;
  constructor(body: ErrorBody) {
    super(body.message);
    this.name = 'RemoteError';
    this.code = body.code;
    this.details = body.details;
  }
}

export function isNoResponders(error: unknown): boolean {
  return (
    error instanceof NoRespondersError ||
    (error instanceof RequestError && error.isNoResponders()) ||
    (error instanceof Error && error.cause instanceof NoRespondersError)
  );
}

/** Transport failures become errors a clerk can act on (wait and retry), never a bare 500. */
export function transportError(error: unknown, service: string): AppError {
  // The client refuses, before sending, a message larger than the server's max_payload.
  if (error instanceof InvalidArgumentError && error.message.includes('max_payload')) {
    return new AppError('PAYLOAD_TOO_LARGE', 'Dữ liệu gửi lên quá lớn để chuyển tới dịch vụ xử lý. Hãy gửi ít dữ liệu hơn.');
  }
  if (isNoResponders(error)) {
    return new AppError('SERVICE_UNAVAILABLE', `Dịch vụ ${service} đang tạm dừng. Vui lòng thử lại sau ít phút.`);
  }
  if (error instanceof TimeoutError || (error instanceof Error && error.cause instanceof TimeoutError)) {
    return new AppError('SERVICE_TIMEOUT', `Dịch vụ ${service} phản hồi quá chậm. Vui lòng thử lại.`);
  }
  return new AppError('SERVICE_UNAVAILABLE', `Không kết nối được dịch vụ ${service}. Vui lòng thử lại sau ít phút.`);
}

/** The reply body for any error a handler throws. Unknown errors are logged by the caller and hidden here. */
export function toErrorBody(error: unknown): ErrorBody {
  if (error instanceof AppError) return error.toBody();
  if (error instanceof RemoteError) return { code: error.code, message: error.message, details: error.details };
  const traceId = trace.getActiveSpan()?.spanContext().traceId;
  return {
    code: 'INTERNAL',
    message: `Đã xảy ra lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, báo quản trị viên kèm mã tra cứu ${traceId ?? 'không có'}.`,
  };
}

export const isExpectedError = (error: unknown): boolean => error instanceof AppError || error instanceof RemoteError;
