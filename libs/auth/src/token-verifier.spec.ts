import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { AppError } from '@mc/contracts';
import { TokenVerifier, toPrincipal } from './token-verifier';

/** A minimal issuer on loopback: discovery and JWKS, as the identity service or Keycloak serve them. */
describe('TokenVerifier', () => {
  let server: Server;
  let issuer: string;
  let privateKey: KeyLike;
  let jwksRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((request, response) => {
      response.setHeader('content-type', 'application/json');
      if (request.url === '/.well-known/openid-configuration') {
        response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
      } else if (request.url === '/jwks') {
        jwksRequests += 1;
        response.end(JSON.stringify({ keys: [jwk] }));
      } else {
        response.statusCode = 404;
        response.end('{}');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  const sign = (claims: Record<string, unknown>, options: { audience?: string; issuer?: string; expiresIn?: string } = {}) =>
    new SignJWT({ mc_kind: 'staff', mc_roles: [{ role: 'clerk', unit: '05983', path: '/20/05983/' }], preferred_username: 'tiepnhan.lvt', azp: 'mot-cua-web', ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u-1')
      .setIssuer(options.issuer ?? issuer)
      .setAudience(options.audience ?? 'mot-cua')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(privateKey);

  it('accepts a valid token and fetches the keys only once', async () => {
    const verifier = new TokenVerifier({ issuer, audience: 'mot-cua' });
    const before = jwksRequests;
    for (let i = 0; i < 5; i += 1) {
      expect(await verifier.verify(await sign({}))).toEqual({
        subject: 'u-1',
        username: 'tiepnhan.lvt',
        kind: 'staff',
        roles: [{ role: 'clerk', unit: '05983', path: '/20/05983/' }],
        clientId: 'mot-cua-web',
      });
    }
    expect(jwksRequests - before).toBe(1);
  });

  it('refuses a token it verified before once the account is disabled, and once it has expired', async () => {
    const revoked = new Set<string>();
    const verifier = new TokenVerifier({ issuer, audience: 'mot-cua', isRevoked: (subject) => revoked.has(subject) });
    const token = await sign({}, { expiresIn: '60s' });
    await verifier.verify(token);
    revoked.add('u-1');
    await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    revoked.clear();
    await verifier.verify(token);
    // Only the clock moves on; timers stay real so nothing else in the test changes.
    jest.useFakeTimers({ now: Date.now() + 120_000, doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask'] });
    try {
      await expect(verifier.verify(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      jest.useRealTimers();
    }
  });

  it.each([
    ['another audience', { audience: 'someone-else' }],
    ['another issuer', { issuer: 'http://evil.example' }],
    ['an expired token', { expiresIn: '-1m' }],
  ])('rejects %s as UNAUTHENTICATED', async (_, options) => {
    const verifier = new TokenVerifier({ issuer, audience: 'mot-cua' });
    await expect(verifier.verify(await sign({}, options))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('rejects a token signed by a key the issuer never published', async () => {
    const stranger = await generateKeyPair('RS256');
    const token = await new SignJWT({ mc_kind: 'staff' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('u-1')
      .setIssuer(issuer)
      .setAudience('mot-cua')
      .setExpirationTime('5m')
      .sign(stranger.privateKey);
    await expect(new TokenVerifier({ issuer, audience: 'mot-cua' }).verify(token)).rejects.toBeInstanceOf(AppError);
  });
});

describe('toPrincipal', () => {
  it('takes the subject from mc_account_id when the issuer (Keycloak) has ids of its own', () => {
    expect(toPrincipal({ sub: 'keycloak-user-id', mc_account_id: 'account-1', mc_kind: 'staff' }).subject).toBe('account-1');
    expect(toPrincipal({ sub: 'account-2', mc_kind: 'staff' }).subject).toBe('account-2');
  });

  it('drops role grants it does not know and requires a kind', () => {
    expect(
      toPrincipal({
        sub: 's',
        mc_kind: 'staff',
        mc_roles: [{ role: 'clerk', unit: '05983', path: '/20/05983/' }, { role: 'god', unit: '20', path: '/20/' }, { role: 'clerk', unit: '05977' }, 'x'],
      }).roles,
    ).toEqual([{ role: 'clerk', unit: '05983', path: '/20/05983/' }]);
    expect(() => toPrincipal({ sub: 's', mc_roles: [] })).toThrow(AppError);
  });

  it('knows a citizen\'s ID number only from the verified claim, never from the username', () => {
    const citizen = { sub: 'a', mc_kind: 'citizen', preferred_username: '020095001234' };
    expect(toPrincipal(citizen).verifiedIdNumber).toBeUndefined();
    expect(toPrincipal({ ...citizen, mc_verified_id_number: '020095001234' }).verifiedIdNumber).toBe('020095001234');
    expect(toPrincipal({ ...citizen, mc_verified_id_number: '02009500123' }).verifiedIdNumber).toBeUndefined();
    expect(toPrincipal({ ...citizen, mc_kind: 'staff', mc_verified_id_number: '020095001234' }).verifiedIdNumber).toBeUndefined();
  });
});
