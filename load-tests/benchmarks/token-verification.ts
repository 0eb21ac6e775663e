/**
 * Cost of verifying a bearer token in the hot path: every NATS request that
 * carries a token pays it in the receiving service. Measures TokenVerifier
 * (jose, cached JWKS fetched once from a loopback issuer) against the machine's
 * own limit, a bare RS256 signature check with node:crypto on the same token.
 *
 *   npm run build && node dist/load-tests/benchmarks/token-verification.js
 */
import { createPublicKey, createVerify } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus } from 'node:os';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { TokenVerifier } from '@mc/auth';

const DURATION_MS = Number(process.env.BENCH_SECONDS ?? 5) * 1000;
const DISTINCT_TOKENS = 1000;

async function main() {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(publicKey)), kid: 'bench', alg: 'RS256', use: 'sig' };
  let jwksFetches = 0;
  const server = createServer((request, response) => {
    response.setHeader('content-type', 'application/json');
    if (request.url === '/jwks') jwksFetches += 1;
    response.end(JSON.stringify(request.url === '/jwks' ? { keys: [jwk] } : { issuer, jwks_uri: `${issuer}/jwks` }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const tokens = await Promise.all(
    Array.from({ length: DISTINCT_TOKENS }, (_, i) =>
      new SignJWT({ mc_kind: 'staff', mc_roles: [{ role: 'clerk', unit: '05983', path: '/20/05983/' }], preferred_username: `cb${i}` })
        .setProtectedHeader({ alg: 'RS256', kid: 'bench' })
        .setSubject(`00000000-0000-0000-0000-${String(i).padStart(12, '0')}`)
        .setIssuer(issuer)
        .setAudience('mot-cua')
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(privateKey),
    ),
  );
  const uncached = new TokenVerifier({ issuer, audience: 'mot-cua', isRevoked: () => false, cacheSize: 0 });
  const cached = new TokenVerifier({ issuer, audience: 'mot-cua', isRevoked: () => false });
  await uncached.verify(tokens[0]!); // discovery and JWKS, once each
  await cached.verify(tokens[0]!);

  const measure = async (name: string, verify: (token: string) => unknown) => {
    const latencies: number[] = [];
    const started = performance.now();
    let i = 0;
    while (performance.now() - started < DURATION_MS) {
      const t0 = performance.now();
      await verify(tokens[i % DISTINCT_TOKENS]!);
      latencies.push(performance.now() - t0);
      i += 1;
    }
    const seconds = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const q = (p: number) => (latencies[Math.floor(latencies.length * p)]! * 1000).toFixed(0);
    const rate = i / seconds;
    console.log(`${name.padEnd(34)} ${rate.toFixed(0).padStart(7)} verifications/s  p50 ${q(0.5)} µs  p99 ${q(0.99)} µs`);
    return rate;
  };

  const key = createPublicKey({ key: jwk, format: 'jwk' });
  const rawVerify = (token: string) => {
    const [header, payload, signature] = token.split('.');
    const verifier = createVerify('RSA-SHA256');
    verifier.update(`${header}.${payload}`);
    if (!verifier.verify(key, Buffer.from(signature!, 'base64url'))) throw new Error('bad signature');
  };

  console.log(`token verification, one core of ${cpus().length} (${cpus()[0]?.model}), ${DURATION_MS / 1000} s each, ${DISTINCT_TOKENS} distinct tokens`);
  const limit = await measure('bare RS256 check (node:crypto)', rawVerify);
  const first = await measure('TokenVerifier, first sight of a token', (token) => uncached.verify(token));
  const again = await measure('TokenVerifier, token seen before', (token) => cached.verify(token));
  console.log(
    `ratio to the bare check: first sight ${((first / limit) * 100).toFixed(0)} %, seen before ${(again / limit).toFixed(1)}×; JWKS fetched ${jwksFetches} time(s)`,
  );
  server.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
