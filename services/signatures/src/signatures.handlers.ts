import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  certifyCopyRequestSchema,
  getSigningRequestSchema,
  listDossierSignaturesRequestSchema,
  parseInput,
  registerSignedResultRequestSchema,
  sealResultRequestSchema,
  signReceiptRequestSchema,
  signResultRequestSchema,
  SignaturesSubjects,
  verifyPdfRequestSchema,
} from '@mc/contracts';
import { BusHeader, type BusContext } from '@mc/messaging';
import { CertifyCopy } from './copies/certify-copy';
import { SignReceipt } from './receipts/sign-receipt';
import { ListDossierSignatures } from './recording/list-dossier-signatures';
import { GetSigningRequest } from './requests/get-signing-request';
import { RegisterSignedResult } from './results/register-signed-result';
import { RequestResultSignature } from './results/request-result-signature';
import { SealResult } from './results/seal-result';
import { VerifyUploadedPdf } from './verification/verify-uploaded-pdf';

const credentials = (context: BusContext) => ({ [BusHeader.authorization]: context.getHeaders()[BusHeader.authorization] });

/** Signed-in callers only; each use case decides who may sign what, with the dossier service deciding who sees the dossier. */
@Controller()
export class SignaturesHandlers {
  constructor(
    private readonly requestResultSignature: RequestResultSignature,
    private readonly registerSignedResult: RegisterSignedResult,
    private readonly sealResult: SealResult,
    private readonly signReceipt: SignReceipt,
    private readonly certifyCopy: CertifyCopy,
    private readonly getSigningRequest: GetSigningRequest,
    private readonly listDossierSignatures: ListDossierSignatures,
    private readonly verifyUploadedPdf: VerifyUploadedPdf,
  ) {}

  @MessagePattern(SignaturesSubjects.signResult)
  signResult(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.requestResultSignature.execute(context.requirePrincipal(), credentials(context), parseInput(signResultRequestSchema, payload));
  }

  @MessagePattern(SignaturesSubjects.registerSignedResult)
  register(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.registerSignedResult.execute(context.requirePrincipal(), credentials(context), parseInput(registerSignedResultRequestSchema, payload));
  }

  @MessagePattern(SignaturesSubjects.sealResult)
  seal(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.sealResult.execute(context.requirePrincipal(), credentials(context), parseInput(sealResultRequestSchema, payload));
  }

  @MessagePattern(SignaturesSubjects.signReceipt)
  receipt(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.signReceipt.execute(context.requirePrincipal(), credentials(context), parseInput(signReceiptRequestSchema, payload));
  }

  @MessagePattern(SignaturesSubjects.certifyCopy)
  copy(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.certifyCopy.execute(context.requirePrincipal(), credentials(context), parseInput(certifyCopyRequestSchema, payload));
  }

  @MessagePattern(SignaturesSubjects.getRequest)
  request(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getSigningRequest.execute(context.requirePrincipal(), parseInput(getSigningRequestSchema, payload).id);
  }

  @MessagePattern(SignaturesSubjects.listDossierSignatures)
  list(@Payload() payload: unknown, @Ctx() context: BusContext) {
    context.requirePrincipal();
    return this.listDossierSignatures.execute(credentials(context), parseInput(listDossierSignaturesRequestSchema, payload).dossierCode);
  }

  @MessagePattern(SignaturesSubjects.verify)
  verify(@Payload() payload: unknown, @Ctx() context: BusContext) {
    context.requirePrincipal();
    return this.verifyUploadedPdf.execute(parseInput(verifyPdfRequestSchema, payload).base64);
  }
}
