import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply } from 'fastify';
import type { Logger } from '@mc/observability';

export interface WebApp {
  /** Who it is for, in the log when its bundle is missing. */
  name: string;
  /** The built bundle (Vite's dist/). */
  dir: string;
  /** The path it is served under, ending in `/`: `/` for the staff console, `/cong-dan/` for the citizen portal. */
  prefix: string;
}

/**
 * Serves a web app's static bundle under its prefix, with every path under it
 * that is not a file and not under /api answered by index.html so the app's
 * own routes survive a reload. Without a built bundle the gateway still serves the API.
 */
export async function serveWebApp(app: NestFastifyApplication, { name, dir, prefix }: WebApp, logger: Logger): Promise<void> {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ app: name, dir }, 'web app bundle not built (npm run build): the gateway does not serve it');
    return;
  }
  const html = readFileSync(index, 'utf8');
  await app.register(fastifyStatic, {
    root: dir,
    prefix,
    wildcard: false,
    index: false,
    decorateReply: false,
    // File names under assets/ carry their content hash; everything else (index.html, the service worker) is revalidated.
    setHeaders: (reply, file) => reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const fastify = app.getHttpAdapter().getInstance();
  const sendIndex = (reply: FastifyReply) => reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(html);
  fastify.get(`${prefix}*`, (request, reply) => (request.url.startsWith('/api/') ? reply.callNotFound() : sendIndex(reply)));
  fastify.get(prefix, (_request, reply) => sendIndex(reply));
  // `/cong-dan` without its slash is the same page; relative asset URLs need the slash.
  if (prefix !== '/') fastify.get(prefix.replace(/\/$/, ''), (_request, reply) => reply.redirect(prefix, 301));
}
