import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';

/**
 * A browser app (the staff console) reads discovery, the JWKS and the token
 * endpoint from its own origin. Only the origins of the registered redirect
 * URIs may read the answers; the requests a code flow makes need no preflight
 * (a GET, and a form POST).
 */
@Injectable()
export class IssuerCorsMiddleware implements NestMiddleware {
  private readonly origins: Set<string>;

  constructor(@Inject(SERVICE_CONFIG) config: IdentityConfig) {
    this.origins = new Set(config.OIDC_REDIRECT_URIS.map((uri) => new URL(uri).origin));
  }

  use(request: IncomingMessage, response: ServerResponse, next: () => void): void {
    const origin = request.headers.origin;
    if (origin && this.origins.has(origin)) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('vary', 'Origin');
    }
    next();
  }
}
