import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Route } from 'playwright-core';
import { parse } from 'yaml';
import { repoRoot } from '@mc/local-infra';
import { ensureConsoleBuilt, launchChromium } from './console-browser';

/**
 * The compose profile signs the console and the portal in at Keycloak, which
 * sends a browser back only to a registered redirect URI and answers its token
 * requests (CORS) only from a registered web origin. Keycloak cannot run here,
 * so each built app is loaded in Chromium at every origin it is served from
 * (the gateway's published port, the Vite dev servers), its sign-in button is
 * pressed and the authorization request it sends is read; the realm export in
 * infra/keycloak must accept that request as it is.
 */
interface RealmClient {
  clientId: string;
  publicClient?: boolean;
  standardFlowEnabled?: boolean;
  implicitFlowEnabled?: boolean;
  redirectUris?: string[];
  webOrigins?: string[];
  attributes?: Record<string, string>;
}

const root = repoRoot();
const realm = JSON.parse(readFileSync(path.join(root, 'infra/keycloak/mot-cua-realm.json'), 'utf8')) as { realm: string; clients: RealmClient[] };
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, { environment?: Record<string, string>; ports?: string[] }>;
};
const gateway = compose.services.gateway;
const ISSUER = gateway.environment?.OIDC_ISSUER ?? '';
const CLIENT_ID = gateway.environment?.OIDC_PUBLIC_CLIENT_ID ?? '';
/** The host port published for the gateway's own (`host:container`). */
const GATEWAY_PORT = (gateway.ports ?? []).map((mapping) => mapping.split(':')).find(([, inside]) => inside === gateway.environment?.GATEWAY_PORT)?.[0];
/** The port `npm run dev` serves an app on, as its vite.config.ts sets it. */
const devPort = (app: string) => /server:\s*\{\s*port:\s*(\d+)/.exec(readFileSync(path.join(root, 'services', app, 'vite.config.ts'), 'utf8'))?.[1];

const APPS = [
  { app: 'console', base: '/', signIn: '/', dist: path.join(root, 'services/console/dist') },
  { app: 'portal', base: '/cong-dan/', signIn: '/cong-dan/dang-nhap', dist: path.join(root, 'services/portal/dist') },
];
const ORIGINS = (app: string) => [GATEWAY_PORT, devPort(app)].flatMap((port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]);

/** Keycloak's rule: an exact URI, or a prefix ending in `*`. */
const accepts = (patterns: string[], uri: string) => patterns.some((pattern) => (pattern.endsWith('*') ? uri.startsWith(pattern.slice(0, -1)) : uri === pattern));

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml', '.png': 'image/png', '.json': 'application/json', '.woff2': 'font/woff2' };

jest.setTimeout(180_000);

describe('the Keycloak realm accepts the console and the portal as they sign in', () => {
  let browser: Browser;
  const client = realm.clients.find((candidate) => candidate.clientId === CLIENT_ID);

  beforeAll(async () => {
    ensureConsoleBuilt();
    if (!existsSync(path.join(root, 'services/portal/dist/index.html'))) execFileSync('npm', ['run', 'build', '-w', 'services/portal'], { cwd: root, stdio: 'ignore' });
    browser = await launchChromium();
  });
  afterAll(() => browser?.close());

  it('reads the compose profile: Keycloak’s realm as the issuer, its public client, the gateway’s published port and the dev servers’', () => {
    expect(ISSUER).toBe(`http://keycloak:8080/realms/${realm.realm}`);
    expect(client).toBeDefined();
    expect(GATEWAY_PORT).toBe('3000');
    expect(APPS.map(({ app }) => devPort(app))).toEqual(['5173', '5174']);
  });

  it('registers a public client for the code flow with PKCE (S256) and no implicit flow', () => {
    expect(client?.publicClient).toBe(true);
    expect(client?.standardFlowEnabled).toBe(true);
    expect(client?.implicitFlowEnabled ?? false).toBe(false);
    expect(client?.attributes?.['pkce.code.challenge.method']).toBe('S256');
  });

  for (const { app, base, signIn, dist } of APPS) {
    for (const origin of ORIGINS(app)) {
      it(`lets the ${app} at ${origin}${base} sign in and come back`, async () => {
        const context = await browser.newContext({ locale: 'vi-VN' });
        const page = await context.newPage();
        const cors = { 'access-control-allow-origin': origin };
        // The built bundle as the gateway (or Vite) serves it: files under the base, index.html for any other path.
        await page.route(`${origin}/**`, async (route: Route) => {
          const { pathname } = new URL(route.request().url());
          if (pathname === '/api/v1/auth/config') return route.fulfill({ json: { issuer: ISSUER, clientId: CLIENT_ID } });
          const file = path.join(dist, pathname.slice(base.length));
          if (pathname.startsWith(base) && existsSync(file) && !file.endsWith(path.sep) && path.extname(file)) {
            return route.fulfill({ body: readFileSync(file), contentType: CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
          }
          return route.fulfill({ body: readFileSync(path.join(dist, 'index.html')), contentType: 'text/html' });
        });
        // Keycloak's discovery document, with CORS as Keycloak answers a registered web origin.
        await page.route(`${ISSUER}/.well-known/openid-configuration`, (route) =>
          route.fulfill({
            headers: cors,
            json: {
              issuer: ISSUER,
              authorization_endpoint: `${ISSUER}/protocol/openid-connect/auth`,
              token_endpoint: `${ISSUER}/protocol/openid-connect/token`,
              jwks_uri: `${ISSUER}/protocol/openid-connect/certs`,
              code_challenge_methods_supported: ['S256'],
            },
          }),
        );
        const authorization = new Promise<URL>((resolve) => {
          void page.route(`${ISSUER}/protocol/openid-connect/auth**`, (route) => {
            resolve(new URL(route.request().url()));
            return route.fulfill({ body: '<title>Keycloak</title>', contentType: 'text/html' });
          });
        });

        await page.goto(`${origin}${signIn}`);
        await page.getByRole('button', { name: 'Đăng nhập' }).click();
        const request = await authorization;
        await context.close();

        const params = request.searchParams;
        expect(params.get('client_id')).toBe(CLIENT_ID);
        expect(params.get('response_type')).toBe('code');
        expect(params.get('code_challenge_method')).toBe('S256');
        expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
        const redirectUri = params.get('redirect_uri') ?? '';
        expect(redirectUri.startsWith(`${origin}${base}`)).toBe(true);
        expect({ redirectUri, accepted: accepts(client?.redirectUris ?? [], redirectUri) }).toEqual({ redirectUri, accepted: true });
        // The token request comes from the app's page: Keycloak answers it only for a listed origin.
        expect(client?.webOrigins).toContain(origin);
        // After signing out Keycloak sends the browser back to the app's start page only if it is listed.
        const postLogout = (client?.attributes?.['post.logout.redirect.uris'] ?? '').split('##');
        expect({ origin, accepted: accepts(postLogout, `${origin}${base}`) }).toEqual({ origin, accepted: true });
      });
    }
  }
});
