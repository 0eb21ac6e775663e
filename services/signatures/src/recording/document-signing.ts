import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { AppError, type SignatureFinding } from '@mc/contracts';
import { PadesSigner, type PadesRequest } from '../pades/pades-signer';
import { TRUST_STORE } from '../keys/signing-keys';
import { clerkReport } from '../verification/clerk-report';
import { verifyPdfSignatures, type TrustStore } from '../verification/verify-pdf-signatures';

/** A PDF signed and checked: what a signature row records. */
export interface SignedDocument {
  pdf: Buffer;
  signedDigest: string;
  documentSha256: string;
  signer: NonNullable<SignatureFinding['signer']>;
  signerName: string;
  signedAt: Date;
}

/**
 * Signs, then verifies the result as any uploaded PDF is verified: a key
 * holder (a remote service above all) answering with a revoked or foreign
 * certificate, or a CMS over other bytes, gives a signature that is not
 * recorded and not handed on.
 */
@Injectable()
export class DocumentSigning {
  constructor(
    private readonly pades: PadesSigner,
    @Inject(TRUST_STORE) private readonly trust: TrustStore,
  ) {}

  async sign(request: PadesRequest): Promise<SignedDocument> {
    const signed = await this.pades.sign(request);
    return { ...checkedSignature(signed.pdf, this.trust), pdf: signed.pdf };
  }
}

/** The last signature of a PDF, which must be valid and cover the whole file; otherwise SIGNATURE_INVALID with the clerk's report. */
export function checkedSignature(pdf: Buffer, trust: TrustStore): Omit<SignedDocument, 'pdf'> {
  const report = verifyPdfSignatures(pdf, trust);
  const last = report.signatures.at(-1);
  if (!report.valid || !last?.signer) {
    throw new AppError('SIGNATURE_INVALID', `Văn bản không mang chữ ký số hợp lệ nên không được ghi nhận.\n${clerkReport(report)}`, { report });
  }
  const [, length, resume, tail] = last.byteRange as [number, number, number, number];
  return {
    documentSha256: report.documentSha256,
    signedDigest: createHash('sha256').update(pdf.subarray(0, length)).update(pdf.subarray(resume, resume + tail)).digest('hex'),
    signer: last.signer,
    signerName: last.signer.commonName,
    // The timestamp's time, or the /M the signer wrote; a signature claiming no time is recorded when it arrives.
    signedAt: last.signedAt ? new Date(last.signedAt) : new Date(),
  };
}
