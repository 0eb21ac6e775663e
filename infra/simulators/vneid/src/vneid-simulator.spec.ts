import { createHash, randomBytes } from 'node:crypto';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { VneidSimulator } from './vneid-simulator';

const CLIENT = { clientId: 'mot-cua-lang-son', clientSecret: 'BiMat@VNeID-2026', redirectUris: ['http://127.0.0.1:3001/federation/vneid/callback'] };
const CITIZEN = { idNumber: '020190000123', fullName: 'Lý Thị Mai' };

describe('the VNeID simulator keeps an OpenID provider’s rules', () => {
  let vneid: VneidSimulator;
  const verifier = randomBytes(32).toString('base64url');
  const authorizeUrl = (overrides: Record<string, string> = {}) =>
    `${vneid.issuer}/authorize?${new URLSearchParams({
      response_type: 'code',
      client_id: CLIENT.clientId,
      redirect_uri: CLIENT.redirectUris[0] as string,
      scope: 'openid profile',
      state: 's',
      nonce: 'n-123',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
      ...overrides,
    })}`;
  const codeFrom = async () => new URL(await vneid.approve(authorizeUrl(), CITIZEN)).searchParams.get('code') as string;
  const exchange = async (body: Record<string, string>) => {
    const response = await fetch(`${vneid.issuer}/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'authorization_code', client_id: CLIENT.clientId, client_secret: CLIENT.clientSecret, redirect_uri: CLIENT.redirectUris[0] as string, code_verifier: verifier, ...body }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };

  beforeAll(async () => {
    vneid = await VneidSimulator.start({ clients: [CLIENT], citizens: [CITIZEN] });
  });
  afterAll(() => vneid?.close());

  it('issues an RS256 ID token, verifiable with its published keys, carrying the ID number, the name and the nonce', async () => {
    const tokens = await exchange({ code: await codeFrom() });
    expect(tokens.status).toBe(200);
    const discovery = (await (await fetch(`${vneid.issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
    const { payload } = await jwtVerify(tokens.body.id_token as string, createRemoteJWKSet(new URL(discovery.jwks_uri)), {
      issuer: vneid.issuer,
      audience: CLIENT.clientId,
    });
    expect(payload).toMatchObject({ citizen_id: CITIZEN.idNumber, name: CITIZEN.fullName, nonce: 'n-123' });
    const userinfo = await fetch(`${vneid.issuer}/userinfo`, { headers: { authorization: `Bearer ${tokens.body.access_token}` } });
    expect(await userinfo.json()).toMatchObject({ sub: payload.sub, citizen_id: CITIZEN.idNumber });
  });

  it('spends a code on first use, and refuses a wrong PKCE verifier, redirect URI or client secret', async () => {
    const code = await codeFrom();
    expect((await exchange({ code, code_verifier: randomBytes(32).toString('base64url') })).body.error).toBe('invalid_grant');
    expect((await exchange({ code })).body.error).toBe('invalid_grant');
    expect((await exchange({ code: await codeFrom(), redirect_uri: 'http://127.0.0.1:3001/khac' })).body.error).toBe('invalid_grant');
    const wrongSecret = await exchange({ code: await codeFrom(), client_secret: 'sai' });
    expect([wrongSecret.status, wrongSecret.body.error]).toEqual([401, 'invalid_client']);
  });

  it('answers an unregistered redirect URI on its page instead of redirecting, and a missing PKCE at the redirect URI', async () => {
    const foreign = await fetch(authorizeUrl({ redirect_uri: 'https://ke-gian.example/cb' }), { redirect: 'manual' });
    expect(foreign.status).toBe(400);
    expect(foreign.headers.get('location')).toBeNull();
    const noPkce = await fetch(authorizeUrl({ code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(noPkce.status).toBe(302);
    expect(new URL(noPkce.headers.get('location') as string).searchParams.get('error')).toBe('invalid_request');
  });
});
