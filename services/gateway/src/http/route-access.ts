import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '@mc/contracts';
import { mayDoAnywhere, type Action, type Principal, type TokenVerifier } from '@mc/auth';

/**
 * Who may call a route, checked before its body is read: a caller who may not
 * use the route learns 401 or 403, never what is wrong with the body.
 * Routes under /api/v1 without a declaration need a signed-in caller (deny by
 * default); `actions` names the policy actions of which the caller must hold
 * at least one in some unit. The service still decides the scope (which unit,
 * which dossier): this check only ever refuses what the service would refuse.
 */
export type RouteAccess = { public: true; cacheable?: boolean } | { public?: false; actions?: readonly Action[]; refusal?: string };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The caller, when the request carried a valid token. */
    principal?: Principal;
    /** Why a token the request carried was refused; answered once the request has been counted. */
    authFailure?: AppError;
  }
}

/**
 * Anyone may call it: the receipt, the public catalogue, self-registration.
 * `cacheable`: an anonymous answer holds nothing personal and shared caches may keep it a few minutes.
 */
export const Public = (options: { cacheable?: boolean } = {}) => RouteConfig({ access: { public: true, ...options } satisfies RouteAccess });

/**
 * A signed-in caller holding one of `actions` in some unit; `refusal` tells the
 * others who may. Only for routes whose target every caller may know exists:
 * where the service answers 404 for a target out of sight (an account, a
 * dossier), a 403 here would break that rule, so those stay with the service.
 */
export const Requires = (actions: Action[], refusal: string) => RouteConfig({ access: { actions, refusal } satisfies RouteAccess });

const API = '/api/v1/';

function bearerToken(request: FastifyRequest): string | undefined | null {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const [scheme, token] = header.split(' ');
  return scheme?.toLowerCase() === 'bearer' && token ? token : null;
}

/**
 * Verifies the caller's token when the request arrives (the same verification
 * every service does, so the answer is the same), then, after the rate limit
 * has counted the request, refuses it before its body is parsed if the route
 * needs more than the caller has.
 */
export function checkRouteAccess(fastify: FastifyInstance, verifier: TokenVerifier): void {
  fastify.addHook('onRequest', (request, _reply, done) => {
    const token = bearerToken(request);
    if (token === undefined) return done();
    if (token === null) {
      request.authFailure = new AppError('UNAUTHENTICATED', 'Thiếu mã đăng nhập hợp lệ (Bearer).');
      return done();
    }
    verifier.verify(token).then(
      (principal) => {
        request.principal = principal;
        done();
      },
      (error: unknown) => {
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
          request.authFailure = error;
          done();
        } else {
          done(error as Error);
        }
      },
    );
  });

  fastify.addHook('preParsing', (request, _reply, _payload, done) => {
    done(refusal(request));
  });
}

function refusal(request: FastifyRequest): AppError | null {
  if (request.authFailure) return request.authFailure;
  if (!request.routeOptions.url?.startsWith(API)) return null;
  const access = request.routeOptions.config.access ?? {};
  if (access.public) return null;
  if (!request.principal) return new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để thực hiện thao tác này.');
  if (access.actions && !mayDoAnywhere(request.principal, access.actions)) {
    return new AppError('FORBIDDEN', access.refusal ?? 'Bạn không có quyền thực hiện thao tác này.');
  }
  return null;
}
