import { Injectable } from '@nestjs/common';
import { exportJWK, generateKeyPair, importJWK, type JWK, type KeyLike } from 'jose';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface ActiveKey {
  kid: string;
  key: KeyLike | Uint8Array;
}

/**
 * The issuer's RS256 keys, kept in the database so every replica signs with the
 * same key and restarts do not invalidate tokens. The newest unretired key signs;
 * every unretired key is published, so rotation never breaks live tokens.
 */
@Injectable()
export class SigningKeys {
  private active?: Promise<ActiveKey>;

  constructor(private readonly dataSource: DataSource) {}

  activeKey(): Promise<ActiveKey> {
    this.active ??= this.loadOrCreate().catch((error) => {
      this.active = undefined;
      throw error;
    });
    return this.active;
  }

  async publicKeys(): Promise<JWK[]> {
    await this.activeKey();
    const rows: { public_jwk: JWK }[] = await this.dataSource.query(
      'SELECT public_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC',
    );
    return rows.map((row) => row.public_jwk);
  }

  private async loadOrCreate(): Promise<ActiveKey> {
    const existing = await this.newest();
    if (existing) return existing;
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = randomUUID();
    const meta = { kid, alg: 'RS256', use: 'sig' };
    await this.dataSource.query(
      `INSERT INTO signing_keys (kid, private_jwk, public_jwk)
       SELECT $1, $2, $3 WHERE NOT EXISTS (SELECT 1 FROM signing_keys WHERE retired_at IS NULL)`,
      [kid, JSON.stringify({ ...(await exportJWK(privateKey)), ...meta }), JSON.stringify({ ...(await exportJWK(publicKey)), ...meta })],
    );
    const created = await this.newest();
    if (!created) throw new Error('no signing key after creating one');
    return created;
  }

  private async newest(): Promise<ActiveKey | undefined> {
    const rows: { kid: string; private_jwk: JWK }[] = await this.dataSource.query(
      'SELECT kid, private_jwk FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
    );
    const row = rows[0];
    return row ? { kid: row.kid, key: await importJWK(row.private_jwk, 'RS256') } : undefined;
  }
}
