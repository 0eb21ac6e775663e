import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { parseInput, revocationRequestSchema } from '@mc/contracts';
import { hashRefreshToken } from './issue-token';

/**
 * Token revocation (RFC 7009) for sign-out: revokes the sign-in (the family)
 * of a refresh token of the given client. Access tokens are short-lived and stateless; an account that
 * must lose them at once is disabled instead. Unknown tokens are not an error.
 */
@Injectable()
export class RevokeToken {
  constructor(private readonly dataSource: DataSource) {}

  async execute(body: unknown): Promise<void> {
    const { token, client_id: clientId } = parseInput(revocationRequestSchema, body);
    // The whole sign-in ends, a successor whose answer was lost included: with no live token left in the family, a token
    // rotated moments ago is no longer answered within its reuse window either.
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now()
       WHERE revoked_at IS NULL AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1 AND client_id = $2)`,
      [hashRefreshToken(token), clientId],
    );
  }
}
