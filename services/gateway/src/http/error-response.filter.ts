import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { trace } from '@opentelemetry/api';
import type { FastifyReply } from 'fastify';
import { AppError, httpStatusFor, type ErrorBody } from '@mc/contracts';
import { RemoteError, toErrorBody } from '@mc/messaging/client';
import type { Logger } from '@mc/observability';

const HTTP_CODES: Record<number, { code: string; message: string }> = {
  400: { code: 'VALIDATION_FAILED', message: 'Yêu cầu không hợp lệ.' },
  401: { code: 'UNAUTHENTICATED', message: 'Bạn cần đăng nhập để thực hiện thao tác này.' },
  403: { code: 'FORBIDDEN', message: 'Bạn không có quyền thực hiện thao tác này.' },
  404: { code: 'NOT_FOUND', message: 'Không tìm thấy địa chỉ được yêu cầu.' },
  405: { code: 'NOT_FOUND', message: 'Phương thức không được hỗ trợ tại địa chỉ này.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Dữ liệu gửi lên quá lớn.' },
  415: { code: 'VALIDATION_FAILED', message: 'Định dạng dữ liệu không được hỗ trợ; hãy gửi JSON.' },
};

/** Turns every error into `{error: {code, message, details}, traceId}` with the status its code maps to. */
export function errorResponse(error: unknown): { status: number; body: { error: ErrorBody; traceId?: string } } {
  let body: ErrorBody;
  let status: number;
  if (error instanceof AppError || error instanceof RemoteError) {
    body = toErrorBody(error);
    status = httpStatusFor(body.code);
  } else {
    const httpStatus =
      error instanceof HttpException ? error.getStatus() : ((error as { statusCode?: number })?.statusCode ?? 500);
    const fastifyCode = (error as { code?: string })?.code ?? '';
    const known =
      error instanceof SyntaxError || /^FST_ERR_CTP_(INVALID_JSON|EMPTY_JSON)/.test(fastifyCode)
        ? { code: 'VALIDATION_FAILED', message: 'Dữ liệu JSON gửi lên sai cú pháp hoặc rỗng.' }
        : HTTP_CODES[httpStatus];
    if (known) {
      body = known;
      status = httpStatus;
    } else {
      body = toErrorBody(error);
      status = 500;
    }
  }
  return { status, body: { error: body, traceId: trace.getActiveSpan()?.spanContext().traceId } };
}

@Catch()
export class ErrorResponseFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(error: unknown, host: ArgumentsHost) {
    const { status, body } = errorResponse(error);
    if (status >= 500) this.logger.error({ err: error, code: body.error.code }, 'request failed');
    void host.switchToHttp().getResponse<FastifyReply>().status(status).send(body);
  }
}
