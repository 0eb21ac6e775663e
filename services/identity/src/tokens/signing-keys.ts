import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { IdentityConfig } from '../identity.config';

export interface ActiveKey {
  kid: string;
  key: KeyLike | Uint8Array;
}

/** How long a replica keeps signing with the key it loaded before looking for a newer one. */
const ACTIVE_KEY_REFRESH_MS = 10_000;

/**
 * The issuer's RS256 keys, kept in the database so every replica signs with the
 * same key and restarts do not invalidate tokens. Every unretired key is
 * published in the JWKS; the newest *active* one signs. A rotated-in key is
 * published a while before it signs, so services that cached the JWKS moments
 * earlier may refetch it (their refetch cooldown has passed) when its first
 * token arrives; the previous key is retired only once its tokens expired.
 */
@Injectable()
export class SigningKeys {
  private active?: { key: Promise<ActiveKey>; loadedAt: number };

  constructor(
    private readonly dataSource: DataSource,
    @Inject(SERVICE_CONFIG) private readonly config: IdentityConfig,
  ) {}

  activeKey(): Promise<ActiveKey> {
    if (!this.active || Date.now() - this.active.loadedAt > ACTIVE_KEY_REFRESH_MS) {
      const key = this.loadOrCreate().catch((error) => {
        this.active = undefined;
        throw error;
      });
      this.active = { key, loadedAt: Date.now() };
    }
    return this.active.key;
  }

  async publicKeys(): Promise<JWK[]> {
    await this.activeKey();
    const rows: { public_jwk: JWK }[] = await this.dataSource.query(
      'SELECT public_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC',
    );
    return rows.map((row) => row.public_jwk);
  }

  /**
   * Adds a new signing key and retires the keys older than the newest-but-one
   * whose tokens can no longer be alive. Returns the new key id.
   */
  async rotate(): Promise<string> {
    const kid = await this.insertKey(false, this.config.SIGNING_KEY_ACTIVATION_SECONDS);
    // Retire what no live token can carry any more: older than the newest-but-one and past two token lifetimes.
    await this.dataSource.query(
      `UPDATE signing_keys SET retired_at = now()
       WHERE retired_at IS NULL AND kid <> $1
         AND created_at < (SELECT max(created_at) FROM signing_keys WHERE kid <> $1)
         AND created_at < now() - make_interval(secs => $2)`,
      [kid, this.config.TOKEN_TTL_SECONDS * 2],
    );
    this.active = undefined;
    return kid;
  }

  /** Rotates when the newest key is older than the configured age; returns the new key id, if any. */
  async rotateIfOlderThan(days: number): Promise<string | undefined> {
    const rows: { stale: boolean }[] = await this.dataSource.query(
      `SELECT max(created_at) < now() - make_interval(days => $1) AS stale FROM signing_keys WHERE retired_at IS NULL`,
      [days],
    );
    return rows[0]?.stale ? this.rotate() : undefined;
  }

  private async loadOrCreate(): Promise<ActiveKey> {
    const existing = await this.newest();
    if (existing) return existing;
    await this.insertKey(true);
    const created = await this.newest();
    if (!created) throw new Error('no signing key after creating one');
    return created;
  }

  /** `onlyIfNone` lets replicas starting together create a single first key. */
  private async insertKey(onlyIfNone: boolean, activationDelaySeconds = 0): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomUUID();
    const meta = { kid, alg: 'RS256', use: 'sig' };
    await this.dataSource.query(
      `INSERT INTO signing_keys (kid, private_jwk, public_jwk, activates_at)
       SELECT $1, $2, $3, now() + make_interval(secs => $5)
       WHERE NOT $4 OR NOT EXISTS (SELECT 1 FROM signing_keys WHERE retired_at IS NULL)`,
      [
        kid,
        JSON.stringify({ ...(await exportJWK(privateKey)), ...meta }),
        JSON.stringify({ ...(await exportJWK(publicKey)), ...meta }),
        onlyIfNone,
        activationDelaySeconds,
      ],
    );
    return kid;
  }

  private async newest(): Promise<ActiveKey | undefined> {
    const rows: { kid: string; private_jwk: JWK }[] = await this.dataSource.query(
      'SELECT kid, private_jwk FROM signing_keys WHERE retired_at IS NULL AND activates_at <= now() ORDER BY activates_at DESC LIMIT 1',
    );
    const row = rows[0];
    return row ? { kid: row.kid, key: await importJWK(row.private_jwk, 'RS256') } : undefined;
  }
}
