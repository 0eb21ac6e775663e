import { Injectable } from '@nestjs/common';
import { signatureRecordedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const RESULT_SIGNATURES_CONSUMER = 'dossier.result-signatures';

/** Keeps the leaders' signatures of results (other kinds do not decide anything here); a redelivered event changes nothing. */
@Injectable()
export class RecordResultSignature {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<void> {
    const signature = signatureRecordedV1.schema.parse(event.data);
    if (signature.kind !== 'result') return;
    await this.inbox.handleOnce(RESULT_SIGNATURES_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO result_signatures (signature_id, dossier_code, signer, unit_code, document_id, document_sha256, certificate_serial, signed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (signature_id) DO NOTHING`,
        [signature.signatureId, signature.dossierCode, signature.signer, signature.unitCode, signature.documentId, signature.documentSha256, signature.certificateSerial, signature.signedAt],
      );
    });
  }
}
