import { sign } from 'node:crypto';
import { buildCadesSignature, readKey, type KeyBundle, type TestCa } from '@mc/signing';
import type { DocumentSigner, SigningRequest } from './document-signer';

/** Default profile: the keys are the test CA's PKCS#12 files under .data/; read once, kept in memory. */
export class LocalPkcs12Signer implements DocumentSigner {
  private readonly keys = new Map<string, Promise<KeyBundle>>();

  constructor(private readonly ca: TestCa) {}

  private key(keyId: string): Promise<KeyBundle> {
    let key = this.keys.get(keyId);
    if (!key) {
      key = readKey(this.ca, keyId);
      this.keys.set(keyId, key);
      key.catch(() => this.keys.delete(keyId));
    }
    return key;
  }

  async chain(keyId: string): Promise<Buffer[]> {
    return (await this.key(keyId)).chain;
  }

  async sign(request: SigningRequest): Promise<Buffer> {
    const key = await this.key(request.keyId);
    return buildCadesSignature({ digest: request.digest, chain: key.chain, sign: async (attributes) => sign('sha256', attributes, key.privateKey) });
  }
}
