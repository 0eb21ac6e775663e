import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { signatureRecordedV1, type SignatureKind, type SignatureView } from '@mc/contracts';
import { Outbox } from '@mc/messaging';
import { formatVietnamDateTime } from '@mc/working-calendar';
import type { SignedDocument } from './document-signing';

interface SignatureRow {
  id: string;
  kind: SignatureKind;
  dossier_code: string;
  signer: string;
  signer_name: string;
  unit_code: string;
  signed_digest: string;
  document_sha256: string;
  certificate_serial: string;
  certificate_subject: string;
  signed_at: Date;
  document_id: string | null;
  verified_document_id: string | null;
}

export interface NewSignature {
  kind: SignatureKind;
  dossierCode: string;
  /** The account that signed (for a seal: the account that applied it). */
  signer: string;
  unitCode: string;
  signed: Omit<SignedDocument, 'pdf'>;
  documentId: string | null;
  verifiedDocumentId: string | null;
}

const toView = (row: SignatureRow): SignatureView => ({
  id: row.id,
  kind: row.kind,
  dossierCode: row.dossier_code,
  signer: row.signer,
  signerName: row.signer_name,
  unitCode: row.unit_code,
  signedDigest: row.signed_digest,
  documentSha256: row.document_sha256,
  certificateSerial: row.certificate_serial,
  certificateSubject: row.certificate_subject,
  signedAt: new Date(row.signed_at).toISOString(),
  signedAtDisplay: formatVietnamDateTime(new Date(row.signed_at)),
  documentId: row.document_id,
  verifiedDocumentId: row.verified_document_id,
});

/** Every signature is a row and an event, written together: who, unit, document hash, certificate, time. */
@Injectable()
export class SignatureRecords {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async record(manager: EntityManager, signature: NewSignature): Promise<SignatureView> {
    const { signed } = signature;
    const [row] = (await manager.query(
      `INSERT INTO signatures (id, kind, dossier_code, signer, signer_name, unit_code, signed_digest, document_sha256, certificate_serial, certificate_subject,
                               signed_at, document_id, verified_document_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING *`,
      [randomUUID(), signature.kind, signature.dossierCode, signature.signer, signed.signerName, signature.unitCode, signed.signedDigest, signed.documentSha256,
        signed.signer.serialNumber, signed.signer.subject, signed.signedAt, signature.documentId, signature.verifiedDocumentId],
    )) as SignatureRow[];
    const view = toView(row as SignatureRow);
    await this.outbox.add(manager, signatureRecordedV1, {
      signatureId: view.id,
      kind: view.kind,
      dossierCode: view.dossierCode,
      signer: view.signer,
      unitCode: view.unitCode,
      documentId: view.documentId,
      documentSha256: view.documentSha256,
      certificateSerial: view.certificateSerial,
      signedAt: view.signedAt,
    });
    return view;
  }

  /** Records outside any other write: its own transaction. */
  recordAlone(signature: NewSignature): Promise<SignatureView> {
    return this.dataSource.transaction((manager) => this.record(manager, signature));
  }

  async get(id: string, manager: EntityManager = this.dataSource.manager): Promise<SignatureView | null> {
    const [row] = (await manager.query('SELECT * FROM signatures WHERE id = $1', [id])) as SignatureRow[];
    return row ? toView(row) : null;
  }

  async ofDossier(dossierCode: string): Promise<SignatureView[]> {
    const rows = (await this.dataSource.query('SELECT * FROM signatures WHERE dossier_code = $1 ORDER BY signed_at, recorded_at', [dossierCode])) as SignatureRow[];
    return rows.map(toView);
  }
}
