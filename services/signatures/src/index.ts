export { signaturesService } from './signatures.service';
export { createSignaturesModule } from './signatures.module';
export { LocalPkcs12Signer } from './keys/local-pkcs12-signer';
export type { DocumentSigner, SigningRequest } from './keys/document-signer';
export { PadesSigner, type PadesRequest, type PadesResult } from './pades/pades-signer';
export { verifyPdfSignatures, type TrustStore, type VerificationReport, type SignatureFinding } from './verification/verify-pdf-signatures';
export { clerkReport } from './verification/clerk-report';
export { RemoteSigner, type RemoteSignerOptions } from './keys/remote-signer';
