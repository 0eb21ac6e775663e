import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from '@mc/observability';

export interface WebApp {
  /** Who it is for, in the log when its bundle is missing. */
  name: string;
  /** The built bundle (Vite's dist/). */
  dir: string;
  /** The path it is served under, ending in `/`: `/` for the staff console, `/cong-dan/` for the citizen portal. */
  prefix: string;
}

/** The compressed copies the build writes beside each file (libs/web-api/src/vite-precompress.ts), best first. */
const ENCODINGS = [
  { name: 'br', extension: '.br' },
  { name: 'gzip', extension: '.gz' },
] as const;
type Encoding = (typeof ENCODINGS)[number]['name'];

/** The best encoding the browser accepts (`q=0` refuses one) among those there is a copy in. */
export function chooseEncoding(acceptEncoding: string | undefined, available: readonly Encoding[]): Encoding | undefined {
  const accepted = new Map(
    (acceptEncoding ?? '').split(',').map((part) => {
      const [name, ...parameters] = part.toLowerCase().split(';').map((piece) => piece.trim());
      const quality = parameters.map((parameter) => /^\s*q=([\d.]+)\s*$/.exec(parameter)?.[1]).find(Boolean);
      return [name, quality === undefined ? 1 : Number(quality)] as const;
    }),
  );
  return available.find((encoding) => (accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0);
}

/** index.html and its compressed copies, read once: every app route answers it. */
function loadIndex(index: string) {
  const copies = new Map<Encoding, Buffer>();
  for (const { name, extension } of ENCODINGS) if (existsSync(index + extension)) copies.set(name, readFileSync(index + extension));
  return { plain: readFileSync(index), copies };
}

/**
 * Serves a web app's static bundle under its prefix, with every path under it
 * that is not a file and not under /api answered by index.html so the app's
 * own routes survive a reload. Without a built bundle the gateway still serves the API.
 * A browser that accepts br or gzip gets the copy compressed at build time
 * (`Vary: accept-encoding`); hashed assets are cached for a year, the page and
 * the service worker revalidated on every load.
 */
export async function serveWebApp(app: NestFastifyApplication, { name, dir, prefix }: WebApp, logger: Logger): Promise<void> {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) {
    logger.warn({ app: name, dir }, 'web app bundle not built (npm run build): the gateway does not serve it');
    return;
  }
  const html = loadIndex(index);
  await app.register(fastifyStatic, {
    root: dir,
    prefix,
    wildcard: false,
    index: false,
    decorateReply: false,
    preCompressed: true,
    // File names under assets/ carry their content hash; everything else (index.html, the service worker) is revalidated.
    setHeaders: (reply, file) => reply.header('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  const fastify = app.getHttpAdapter().getInstance();
  const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
    const encoding = chooseEncoding(request.headers['accept-encoding'], [...html.copies.keys()]);
    void reply.header('cache-control', 'no-cache').header('vary', 'accept-encoding').type('text/html; charset=utf-8');
    return encoding ? reply.header('content-encoding', encoding).send(html.copies.get(encoding)) : reply.send(html.plain);
  };
  fastify.get(`${prefix}*`, (request, reply) => (request.url.startsWith('/api/') ? reply.callNotFound() : sendIndex(request, reply)));
  fastify.get(prefix, sendIndex);
  // `/cong-dan` without its slash is the same page; relative asset URLs need the slash.
  if (prefix !== '/') fastify.get(prefix.replace(/\/$/, ''), (_request, reply) => reply.redirect(prefix, 301));
}
