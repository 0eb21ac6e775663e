import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { accountCreatedV1, AppError, type CitizenVerificationView, type IdentityVerificationMethod } from '@mc/contracts';
import { Outbox } from '@mc/messaging';
import { AuditTrail } from '../audit/audit-trail';
import { STAFF_CLIENT_ID } from './create-staff-account';

/** Stored where no password can match: such a citizen signs in through VNeID. */
export const NO_PASSWORD = 'none';

export interface CitizenProof {
  idNumber: string;
  fullName: string;
  phone?: string;
  method: IdentityVerificationMethod;
  /** The clerk's username, or the VNeID issuer. */
  verifiedBy: string;
  document: CitizenVerificationView['document'];
  actor: string;
}

interface ProvenAccount {
  id: string;
  username: string;
  full_name: string;
  kind: string;
  verified_at: Date | null;
  verification_method: IdentityVerificationMethod | null;
  verified_by: string | null;
  verification_document: CitizenVerificationView['document'];
}

const toView = (row: ProvenAccount, idNumber: string): CitizenVerificationView => ({
  accountId: row.id,
  idNumber,
  fullName: row.full_name,
  method: row.verification_method as IdentityVerificationMethod,
  verifiedAt: new Date(row.verified_at as Date).toISOString(),
  verifiedBy: row.verified_by as string,
  document: row.verification_document,
});

const SELECT = `SELECT id, username, full_name, kind, verified_at, verification_method, verified_by, verification_document
                FROM accounts`;

/** Serialises everything that creates or proves an account for one ID number, across replicas. */
export const lockIdNumber = (manager: EntityManager, idNumber: string) =>
  manager.query("SELECT pg_advisory_xact_lock(hashtext('citizen:' || $1))", [idNumber]);

/**
 * Binds a proven ID number to its one account, in the caller's transaction:
 * creates the account when the number has none, or proves the one that
 * claimed it. A claim was made by whoever registered first, so proving it
 * takes the account back for the proven person: the password set before the
 * proof stops working and every session it opened ends. The first proof
 * stays on record; a later one changes nothing.
 */
@Injectable()
export class CitizenProofs {
  constructor(
    private readonly outbox: Outbox,
    private readonly audit: AuditTrail,
  ) {}

  async record(manager: EntityManager, proof: CitizenProof): Promise<CitizenVerificationView> {
    await lockIdNumber(manager, proof.idNumber);
    const [existing]: ProvenAccount[] = await manager.query(`${SELECT} WHERE id_number = $1 OR username = $1 LIMIT 1 FOR UPDATE`, [proof.idNumber]);
    if (existing && existing.kind !== 'citizen') {
      throw new AppError('CONFLICT', 'Số định danh này trùng tên đăng nhập của một tài khoản cán bộ. Liên hệ quản trị viên tỉnh.');
    }
    if (existing?.verified_at) return toView(existing, proof.idNumber);

    const after = { method: proof.method, verifiedBy: proof.verifiedBy, document: proof.document };
    if (existing) {
      // An UPDATE answers [rows, count] through TypeORM's query().
      const [[proven]]: [ProvenAccount[], number] = await manager.query(
        `UPDATE accounts SET full_name = $2, password_hash = $3, verified_at = now(), verification_method = $4, verified_by = $5,
                verification_document = $6, id_number = $7, updated_at = now()
         WHERE id = $1 RETURNING id, username, full_name, kind, verified_at, verification_method, verified_by, verification_document`,
        [existing.id, proof.fullName, NO_PASSWORD, proof.method, proof.verifiedBy, proof.document && JSON.stringify(proof.document), proof.idNumber],
      );
      await manager.query('UPDATE refresh_tokens SET revoked_at = now() WHERE account_id = $1 AND revoked_at IS NULL', [existing.id]);
      await this.audit.record(manager, {
        actor: proof.actor,
        action: 'citizen.verified',
        targetType: 'account',
        targetId: existing.id,
        before: { verified: false, fullName: existing.full_name },
        after: { ...after, fullName: proof.fullName, credentialsReset: true },
      });
      return toView(proven as ProvenAccount, proof.idNumber);
    }

    const id = randomUUID();
    const [created]: ProvenAccount[] = await manager.query(
      `INSERT INTO accounts (id, username, full_name, kind, password_hash, client_id, id_number, phone,
                             verified_at, verification_method, verified_by, verification_document)
       VALUES ($1, $2, $3, 'citizen', $4, $5, $2, $6, now(), $7, $8, $9)
       RETURNING id, username, full_name, kind, verified_at, verification_method, verified_by, verification_document`,
      [id, proof.idNumber, proof.fullName, NO_PASSWORD, STAFF_CLIENT_ID, proof.phone ?? null, proof.method, proof.verifiedBy,
        proof.document && JSON.stringify(proof.document)],
    );
    await this.audit.record(manager, { actor: proof.actor, action: 'account.created', targetType: 'account', targetId: id, after: { kind: 'citizen', verified: true } });
    await this.audit.record(manager, { actor: proof.actor, action: 'citizen.verified', targetType: 'account', targetId: id, after });
    await this.outbox.add(manager, accountCreatedV1, { accountId: id, username: proof.idNumber, kind: 'citizen', unitCode: null, employment: null, actor: proof.actor });
    return toView(created as ProvenAccount, proof.idNumber);
  }
}
