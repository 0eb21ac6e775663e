/** What the platform asks of a key holder: a CMS signature over a document digest. */
export interface SigningRequest {
  /** Whose key: an account's username, or `seal-<unit code>` for a unit's seal. */
  keyId: string;
  /** SHA-256 of the bytes the signature will cover. */
  digest: Buffer;
  /** Shown to the holder when the key asks for confirmation (remote signing on a phone). */
  documentName: string;
}

/**
 * Keys behind one interface: a PKCS#12 file of the test CA (default profile),
 * a remote-signing service (ký số từ xa), and — the documented seam — an HSM
 * through PKCS#11 or a token of the Government Cipher Committee's CA.
 */
export interface DocumentSigner {
  /** The key's certificate chain, signer first, known before signing so the visible block can name the signer. */
  chain(keyId: string): Promise<Buffer[]>;
  /** A detached CMS (ETSI.CAdES.detached) over the digest. */
  sign(request: SigningRequest): Promise<Buffer>;
}

export const DOCUMENT_SIGNER = Symbol('DocumentSigner');
