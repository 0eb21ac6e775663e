import type { DocumentSigner, SigningRequest } from './document-signer';

/** Configuration chooses, per signer, whether the key is a local PKCS#12 file or held by the remote-signing service. */
export class SignerByKey implements DocumentSigner {
  constructor(
    private readonly local: DocumentSigner,
    private readonly remote: DocumentSigner | null,
    private readonly remoteKeys: string,
  ) {}

  private pick(keyId: string): DocumentSigner {
    if (!this.remote) return this.local;
    const remote = this.remoteKeys === '*' || this.remoteKeys.split(',').map((key) => key.trim()).includes(keyId);
    return remote ? this.remote : this.local;
  }

  chain(keyId: string): Promise<Buffer[]> {
    return this.pick(keyId).chain(keyId);
  }

  sign(request: SigningRequest): Promise<Buffer> {
    return this.pick(request.keyId).sign(request);
  }
}
