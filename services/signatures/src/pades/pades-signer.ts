import { createHash } from 'node:crypto';
import { addSignatureTimestamp, certificateFromDer, commonNameOf, OID, type Timestamp } from '@mc/signing';
import type { DocumentSigner } from '../keys/document-signer';
import { signPdf } from './sign-pdf';

export interface PadesRequest {
  pdf: Buffer;
  keyId: string;
  /** First line of the visible block: "Ký bởi", "Đóng dấu", "Sao y bản chính". */
  caption: string;
  reason: string;
  documentName: string;
  location?: string;
}

export interface PadesResult {
  pdf: Buffer;
  /** SHA-256 of the bytes the signature covers, hex. */
  signedDigest: string;
  certificate: Buffer;
  signerName: string;
  signedAt: Date;
}

/**
 * PAdES B-T: the key holder signs the digest (B-B), then the platform's TSA
 * timestamps the signature value. B-LT would also embed, in a document
 * security store (DSS), the chain and the CRLs as they were at signing time,
 * so the signature can be checked after the CA is gone; not built.
 */
export class PadesSigner {
  constructor(
    private readonly signer: DocumentSigner,
    private readonly timestamp: Timestamp | null,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async sign(request: PadesRequest): Promise<PadesResult> {
    const chain = await this.signer.chain(request.keyId);
    const certificate = chain[0];
    if (!certificate) throw new Error(`no certificate for ${request.keyId}`);
    const subject = certificateFromDer(certificate).subject;
    const organization = subject.typesAndValues.find((part) => part.type === OID.organization)?.value.valueBlock.value ?? '';
    const signerName = commonNameOf(subject);
    const signedAt = this.clock();
    let signedDigest = '';
    const pdf = await signPdf(
      request.pdf,
      { caption: request.caption, signerName, unitName: String(organization), signedAt, reason: request.reason, location: request.location ?? 'Lạng Sơn' },
      async (digest) => {
        signedDigest = digest.toString('hex');
        const cms = await this.signer.sign({ keyId: request.keyId, digest, documentName: request.documentName });
        return this.timestamp ? addSignatureTimestamp(cms, this.timestamp) : cms;
      },
    );
    return { pdf, signedDigest, certificate, signerName, signedAt };
  }
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
