import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AppError, httpStatusFor } from '@mc/contracts';
import { CompleteVneidSignIn } from './complete-vneid-sign-in';
import { StartVneidSignIn } from './start-vneid-sign-in';
import { VNEID_CALLBACK_PATH } from './vneid-client';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: string) => value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

/** Sign-in through VNeID, linked from the issuer's sign-in page: out to VNeID, and back. */
@Controller()
export class VneidController {
  constructor(
    private readonly start: StartVneidSignIn,
    private readonly complete: CompleteVneidSignIn,
  ) {}

  /** Takes the same query as the issuer's `/authorize`. */
  @Get('federation/vneid')
  async signIn(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.redirectOrExplain(reply, () => this.start.execute(query));
  }

  @Get(VNEID_CALLBACK_PATH)
  async callback(@Query() query: Record<string, unknown>, @Res() reply: FastifyReply) {
    return this.redirectOrExplain(reply, () => this.complete.execute(query));
  }

  /** A failure is said on a page, never redirected: the redirect URI may be the thing that was wrong. */
  private async redirectOrExplain(reply: FastifyReply, next: () => Promise<URL>) {
    try {
      const target = await next();
      return reply.header('cache-control', 'no-store').redirect(target.toString(), 302);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return reply
        .status(httpStatusFor(error.code))
        .header('content-type', 'text/html; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-frame-options', 'DENY')
        .send(`<!doctype html><html lang="vi"><meta charset="utf-8"><title>Đăng nhập bằng VNeID</title><p>${escape(error.message)}</p></html>`);
    }
  }
}
