import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, type SignatureKind, type SigningRequestStatus, type SigningRequestView } from '@mc/contracts';
import { SignatureRecords } from '../recording/signature-records';

interface SigningRequestRow {
  id: string;
  kind: SignatureKind;
  dossier_code: string;
  key_id: string;
  requested_by: string;
  requested_at: Date;
  status: SigningRequestStatus;
  reason: string | null;
  finished_at: Date | null;
  signature_id: string | null;
  signed_pdf: Buffer | null;
}

export const alreadyPending = (dossierCode: string) =>
  new AppError('CONFLICT', `Hồ sơ ${dossierCode} đang có một yêu cầu ký chờ xác nhận; hãy xác nhận hoặc từ chối trên điện thoại trước khi gửi yêu cầu mới.`);

/** A signing request waits for its key holder; it ends signed (with its signature) or with a reason and nothing recorded. */
@Injectable()
export class SigningRequests {
  constructor(
    private readonly dataSource: DataSource,
    private readonly records: SignatureRecords,
  ) {}

  async open(request: { kind: SignatureKind; dossierCode: string; keyId: string; requestedBy: string; at: Date }): Promise<string> {
    const id = randomUUID();
    await this.dataSource
      .query(`INSERT INTO signing_requests (id, kind, dossier_code, key_id, requested_by, requested_at, status) VALUES ($1, $2, $3, $4, $5, $6, 'pending')`, [
        id,
        request.kind,
        request.dossierCode,
        request.keyId,
        request.requestedBy,
        request.at,
      ])
      .catch((error: { code?: string }) => {
        if (error.code === '23505') throw alreadyPending(request.dossierCode);
        throw error;
      });
    return id;
  }

  /** The request still waiting for this dossier's signature of this kind, if any. */
  async pendingFor(dossierCode: string, kind: SignatureKind): Promise<string | null> {
    const [row] = await this.dataSource.query(`SELECT id FROM signing_requests WHERE dossier_code = $1 AND kind = $2 AND status = 'pending'`, [dossierCode, kind]);
    return (row as { id: string } | undefined)?.id ?? null;
  }

  /** Marks it signed in the transaction that records the signature. */
  async signed(manager: EntityManager, id: string, signatureId: string, at: Date, handedBack: Buffer | null): Promise<void> {
    await manager.query(`UPDATE signing_requests SET status = 'signed', signature_id = $2, finished_at = $3, signed_pdf = $4 WHERE id = $1 AND status = 'pending'`, [
      id,
      signatureId,
      at,
      handedBack,
    ]);
  }

  /** Ends a request that is still pending, without a signature; an ended one stays as it ended. */
  async ended(id: string, status: Exclude<SigningRequestStatus, 'pending' | 'signed'>, reason: string, at: Date): Promise<void> {
    await this.dataSource.query(`UPDATE signing_requests SET status = $2, reason = $3, finished_at = $4 WHERE id = $1 AND status = 'pending'`, [id, status, reason, at]);
  }

  async view(id: string): Promise<(SigningRequestView & { keyId: string }) | null> {
    const [row] = (await this.dataSource.query('SELECT * FROM signing_requests WHERE id = $1', [id])) as SigningRequestRow[];
    if (!row) return null;
    return {
      id: row.id,
      kind: row.kind,
      dossierCode: row.dossier_code,
      keyId: row.key_id,
      requestedBy: row.requested_by,
      requestedAt: new Date(row.requested_at).toISOString(),
      status: row.status,
      reason: row.reason,
      finishedAt: row.finished_at ? new Date(row.finished_at).toISOString() : null,
      signature: row.signature_id ? await this.records.get(row.signature_id) : null,
      signedPdfBase64: row.signed_pdf ? Buffer.from(row.signed_pdf).toString('base64') : null,
    };
  }
}
