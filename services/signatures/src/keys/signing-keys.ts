import type { Provider } from '@nestjs/common';
import { ensureTestCa, readKey, TimestampAuthority, type TestCa } from '@mc/signing';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import { PadesSigner } from '../pades/pades-signer';
import { warmUpSignatureBlock } from '../pades/signature-field';
import type { TrustStore } from '../verification/verify-pdf-signatures';
import type { SignaturesConfig } from '../signatures.config';
import { DOCUMENT_SIGNER, type DocumentSigner } from './document-signer';
import { LocalPkcs12Signer } from './local-pkcs12-signer';
import { RemoteSigner } from './remote-signer';
import { SignerByKey } from './signer-by-key';

export const TEST_CA = Symbol('TestCa');
export const TRUST_STORE = Symbol('TrustStore');

/**
 * The default profile's keys: the province test CA, created at the first start
 * under SIGNATURES_CA_DIR (idempotent, kept across restarts), its root as the
 * trust anchor with its CRL, its TSA for B-T timestamps; the signers the
 * configuration names sign through the remote-signing service instead.
 * Production replaces TEST_CA's anchors with the official CAs' (README, "Seams").
 */
export const SIGNING_KEY_PROVIDERS: Provider[] = [
  {
    provide: TEST_CA,
    inject: [SERVICE_CONFIG],
    useFactory: (config: SignaturesConfig) => ensureTestCa(config.SIGNATURES_CA_DIR, config.SIGNATURES_KEY_PASSWORD),
  },
  {
    provide: TRUST_STORE,
    inject: [TEST_CA],
    useFactory: (ca: TestCa): TrustStore => ({ anchors: [ca.rootDer], intermediates: [ca.issuingDer], crls: [ca.crlDer] }),
  },
  {
    provide: DOCUMENT_SIGNER,
    inject: [TEST_CA, SERVICE_CONFIG],
    useFactory: (ca: TestCa, config: SignaturesConfig): DocumentSigner =>
      new SignerByKey(
        new LocalPkcs12Signer(ca),
        config.SIGNATURES_REMOTE_URL
          ? new RemoteSigner({ url: config.SIGNATURES_REMOTE_URL, pollMs: config.SIGNATURES_REMOTE_POLL_MS, waitMs: config.SIGNATURES_REMOTE_WAIT_MS })
          : null,
        config.SIGNATURES_REMOTE_SIGNERS,
      ),
  },
  {
    provide: PadesSigner,
    inject: [DOCUMENT_SIGNER, TEST_CA],
    useFactory: async (signer: DocumentSigner, ca: TestCa) => {
      const tsa = new TimestampAuthority(await readKey(ca, 'tsa'));
      await warmUpSignatureBlock();
      return new PadesSigner(signer, (data) => tsa.timestamp(data));
    },
  },
];
