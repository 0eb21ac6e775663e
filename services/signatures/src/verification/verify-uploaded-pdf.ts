import { Inject, Injectable } from '@nestjs/common';
import { AppError, type VerificationView } from '@mc/contracts';
import { TRUST_STORE } from '../keys/signing-keys';
import { clerkReport } from './clerk-report';
import { verifyPdfSignatures, type TrustStore } from './verify-pdf-signatures';

/** Any signed PDF someone hands in, checked against the platform's trust store: the machine-readable report and the clerk's. */
@Injectable()
export class VerifyUploadedPdf {
  constructor(@Inject(TRUST_STORE) private readonly trust: TrustStore) {}

  execute(base64: string): VerificationView {
    const pdf = Buffer.from(base64, 'base64');
    if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') throw new AppError('VALIDATION_FAILED', 'Tệp gửi kiểm tra không phải PDF.');
    const report = verifyPdfSignatures(pdf, this.trust);
    return { report, clerkReport: clerkReport(report) };
  }
}
