import { Module, type Type } from '@nestjs/common';
import { CLOCK, systemClock, type Clock } from '@mc/service-runtime';
import { CertifyCopy } from './copies/certify-copy';
import { SIGNING_KEY_PROVIDERS } from './keys/signing-keys';
import { DossierPlatform } from './platform/dossier-platform';
import { SignReceipt } from './receipts/sign-receipt';
import { DocumentSigning } from './recording/document-signing';
import { ListDossierSignatures } from './recording/list-dossier-signatures';
import { SignatureRecords } from './recording/signature-records';
import { GetSigningRequest } from './requests/get-signing-request';
import { SigningJobs } from './requests/signing-jobs';
import { SigningRequests } from './requests/signing-requests';
import { RegisterSignedResult } from './results/register-signed-result';
import { RequestResultSignature } from './results/request-result-signature';
import { SealResult } from './results/seal-result';
import { SignaturesHandlers } from './signatures.handlers';
import { VerifyUploadedPdf } from './verification/verify-uploaded-pdf';

/** The module with the clock a test may set (signing requests expire by it). */
export function createSignaturesModule(clock: Clock = systemClock): Type<unknown> {
  @Module({
    controllers: [SignaturesHandlers],
    providers: [
      { provide: CLOCK, useValue: clock },
      ...SIGNING_KEY_PROVIDERS,
      DossierPlatform,
      DocumentSigning,
      SignatureRecords,
      SigningRequests,
      RequestResultSignature,
      SigningJobs,
      RegisterSignedResult,
      SealResult,
      SignReceipt,
      CertifyCopy,
      GetSigningRequest,
      ListDossierSignatures,
      VerifyUploadedPdf,
    ],
  })
  class SignaturesModule {}
  return SignaturesModule;
}

export const SignaturesModule = createSignaturesModule();
