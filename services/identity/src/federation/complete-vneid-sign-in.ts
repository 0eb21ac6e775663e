import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { AppError, parseInput, personalIdNumber } from '@mc/contracts';
import { CitizenProofs } from '../accounts/citizen-proofs';
import type { AuthorizationRequest } from '../tokens/authorization-request';
import { issueAuthorizationCode } from '../tokens/authorization-codes';
import { hashRefreshToken } from '../tokens/issue-token';
import { VneidClient } from './vneid-client';

/** What VNeID sends back to the callback: a code, or an error such as access_denied, always with our state. */
export const vneidCallbackSchema = z.object({
  state: z.string({ error: 'Thiếu state.' }).min(1, 'Thiếu state.').max(512),
  code: z.string().min(1).max(2048).optional(),
  error: z.string().max(128).optional(),
});

const expired = () =>
  new AppError('UNAUTHENTICATED', 'Phiên đăng nhập bằng VNeID không hợp lệ, đã dùng hoặc đã quá 10 phút. Vui lòng bắt đầu đăng nhập lại.');

/**
 * The callback of a sign-in through VNeID: the pending sign-in is spent (once),
 * the code exchanged and the ID token verified; the ID number it carries is
 * proven by 'vneid' on its one account (created if the number had none); then
 * the platform's own authorization code flow continues with the client that
 * started it. A refusal at VNeID goes back to the client as `access_denied`.
 */
@Injectable()
export class CompleteVneidSignIn {
  constructor(
    private readonly dataSource: DataSource,
    private readonly vneid: VneidClient,
    private readonly proofs: CitizenProofs,
  ) {}

  async execute(query: unknown): Promise<URL> {
    const callback = parseInput(vneidCallbackSchema, query);
    // An UPDATE answers [rows, count] through TypeORM's query().
    const [[pending]]: [{ nonce: string; code_verifier: string; authorization_request: AuthorizationRequest }[], number] = await this.dataSource.query(
      `UPDATE federated_logins SET used_at = now()
       WHERE state_hash = $1 AND provider = 'vneid' AND used_at IS NULL AND expires_at > now()
       RETURNING nonce, code_verifier, authorization_request`,
      [hashRefreshToken(callback.state)],
    );
    if (!pending) throw expired();
    const request = pending.authorization_request;
    if (callback.error || !callback.code) {
      const target = new URL(request.redirect_uri);
      target.searchParams.set('error', 'access_denied');
      if (request.state) target.searchParams.set('state', request.state);
      return target;
    }
    const claims = await this.vneid.redeem(callback.code, pending.code_verifier, pending.nonce);
    const idNumber = personalIdNumber.safeParse(claims[this.vneid.idNumberClaim]);
    const fullName = typeof claims.name === 'string' ? claims.name.trim() : '';
    if (!idNumber.success || !fullName) {
      throw new AppError('UNAUTHENTICATED', 'VNeID không cung cấp số định danh cá nhân hoặc họ tên hợp lệ. Vui lòng đến Bộ phận Một cửa để được xác minh.');
    }
    return this.dataSource.transaction(async (manager) => {
      const proven = await this.proofs.record(manager, {
        idNumber: idNumber.data,
        fullName: fullName.slice(0, 200),
        method: 'vneid',
        verifiedBy: String(claims.iss),
        document: null,
        actor: 'VNeID',
      });
      const [account]: { disabled: boolean }[] = await manager.query('SELECT disabled_at IS NOT NULL AS disabled FROM accounts WHERE id = $1', [proven.accountId]);
      if (account?.disabled) throw new AppError('UNAUTHENTICATED', 'Tài khoản của số định danh này đã bị khóa. Liên hệ Bộ phận Một cửa.');
      return issueAuthorizationCode(manager, proven.accountId, request);
    });
  }
}
