import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { throwError, type Observable } from 'rxjs';
import type { ErrorCode } from '@mc/contracts';
import type { Logger } from '@mc/observability';
import { LOGGER, SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';
import { renderMessagePage } from './login-page';

const ANSWERS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'VALIDATION_FAILED', message: 'Không đọc được nội dung gửi lên: sai định dạng.' },
  404: { code: 'NOT_FOUND', message: 'Máy chủ xác thực không có địa chỉ này.' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'Nội dung gửi lên quá lớn.' },
  415: {
    code: 'VALIDATION_FAILED',
    message: 'Kiểu nội dung gửi lên không được hỗ trợ: hãy gửi application/x-www-form-urlencoded hoặc application/json.',
  },
};
const OTHER_REFUSAL = { code: 'VALIDATION_FAILED', message: 'Yêu cầu không hợp lệ.' } as const;
const FAILURE = { code: 'INTERNAL', message: 'Máy chủ xác thực đang gặp sự cố. Vui lòng thử lại sau ít phút.' } as const;
const OAUTH_ENDPOINTS = new Set(['/token', '/revoke']);

/**
 * What the issuer's HTTP server answers when no handler did: an unknown
 * address, a body the framework could not read, a failure. Nest and Fastify
 * would answer in English ("Cannot GET /"); a person gets Vietnamese here,
 * an OAuth client the error format of RFC 6749 §5.2, a browser a page.
 * Bus handlers keep their own error path.
 */
@Catch()
export class IssuerErrorsFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): Observable<never> | void {
    if (host.getType() !== 'http') return throwError(() => exception);
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const status = exception instanceof HttpException ? exception.getStatus() : 500;
    if (status >= 500) this.logger.error({ err: exception, url: request.url }, 'issuer request failed');
    const answer = status >= 500 ? FAILURE : (ANSWERS[status] ?? OTHER_REFUSAL);
    const discovery = `${this.config.OIDC_ISSUER.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const message = status === 404 ? `${answer.message} Các địa chỉ của máy chủ được liệt kê tại ${discovery}.` : answer.message;
    reply.status(status).header('cache-control', 'no-store');
    if (OAUTH_ENDPOINTS.has(request.url.replace(/\?.*/, ''))) {
      reply.send({ error: status >= 500 ? 'server_error' : 'invalid_request', error_description: message, code: answer.code });
    } else if (/text\/html/.test(request.headers.accept ?? '')) {
      reply
        .header('content-type', 'text/html; charset=utf-8')
        .send(renderMessagePage(message, status === 404 ? { href: discovery, text: 'Thông tin máy chủ xác thực' } : undefined));
    } else {
      reply.send({ code: answer.code, message });
    }
  }
}
