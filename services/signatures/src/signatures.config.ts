import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const signaturesConfigSchema = z.object({
  /** The province test CA of the default profile: created here at the first start, kept across restarts. */
  SIGNATURES_CA_DIR: z.string().trim().min(1).default('.data/signatures/test-ca'),
  /** Password of the PKCS#12 files under SIGNATURES_CA_DIR. */
  SIGNATURES_KEY_PASSWORD: z.string().min(1).default('MotCua@2026'),
  /** The remote-signing service (ký số từ xa); without it every key is the local PKCS#12 file. */
  SIGNATURES_REMOTE_URL: z.url('phải là URL, ví dụ http://127.0.0.1:3007 (must be a URL)').optional(),
  /** Which signers sign remotely, comma-separated key ids (`lanhdao.lvt,seal-05983`) or `*` for all. */
  SIGNATURES_REMOTE_SIGNERS: z.string().trim().default(''),
  SIGNATURES_REMOTE_POLL_MS: z.coerce.number().int().min(10).default(1_000),
  /** Longest wait for a holder to answer on the phone, whatever the remote service says. */
  SIGNATURES_REMOTE_WAIT_MS: z.coerce.number().int().min(100).default(180_000),
  /** The documents service's HTTP listener: the drafts to be signed are read from it with the signer's token. */
  DOCUMENTS_HTTP_URL: z.url('phải là URL, ví dụ http://127.0.0.1:3006 (must be a URL)').default('http://127.0.0.1:3006'),
});

export type SignaturesConfig = BaseConfig & z.infer<typeof signaturesConfigSchema>;
