import type { EntityManager } from 'typeorm';

/** The leader's signature of a dossier's result, as the issue of an electronic result needs it. */
export interface ResultSignature {
  signatureId: string;
  signer: string;
  documentId: string | null;
  documentSha256: string;
  certificateSerial: string;
  signedAt: string;
}

/** The latest recorded signature of the dossier's result, or null. */
export async function latestResultSignature(manager: EntityManager, dossierCode: string): Promise<ResultSignature | null> {
  const [row] = await manager.query(
    `SELECT signature_id, signer, document_id, document_sha256, certificate_serial, signed_at FROM result_signatures
     WHERE dossier_code = $1 ORDER BY signed_at DESC LIMIT 1`,
    [dossierCode],
  );
  if (!row) return null;
  return {
    signatureId: row.signature_id,
    signer: row.signer,
    documentId: row.document_id,
    documentSha256: row.document_sha256,
    certificateSerial: row.certificate_serial,
    signedAt: new Date(row.signed_at).toISOString(),
  };
}
