import { createHash } from 'node:crypto';
import { SignPdf } from '@signpdf/signpdf';
import { Signer } from '@signpdf/utils';
import { appendIncrementalUpdate } from './incremental-update';
import { addSignatureField, type VisibleSignature } from './signature-field';

/** @signpdf hands over the bytes its byte range covers; the key holder only ever sees their SHA-256. */
class DigestSigner extends Signer {
  constructor(private readonly signDigest: (digest: Buffer) => Promise<Buffer>) {
    super();
  }

  override async sign(pdf: Buffer): Promise<Buffer> {
    return this.signDigest(createHash('sha256').update(pdf).digest());
  }
}

/**
 * A PAdES signature as an incremental update: a new signature field with its
 * visible block is appended, then the CMS for the appended file's byte range
 * is written into it. Earlier signatures keep covering what they covered.
 */
export async function signPdf(pdf: Buffer, visible: VisibleSignature, signDigest: (digest: Buffer) => Promise<Buffer>): Promise<Buffer> {
  const prepared = await appendIncrementalUpdate(pdf, (document) => addSignatureField(document, visible));
  return new SignPdf().sign(prepared, new DigestSigner(signDigest));
}
