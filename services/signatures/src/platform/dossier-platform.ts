import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  DocumentsSubjects,
  DossierSubjects,
  type DossierDocumentsView,
  type DossierView,
  type RenderedForm,
  type StoreVerifiedDocumentRequest,
  type VerifiedDocumentView,
} from '@mc/contracts';
import { BusHeader, NatsClientProxy } from '@mc/messaging';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { SignaturesConfig } from '../signatures.config';

/** The signer's credentials, carried on: the dossier and documents services decide for themselves what the signer may see. */
export type CallerCredentials = Record<string, string | undefined>;

/**
 * What the signatures service reads and writes elsewhere, always with the
 * signer's token: the dossier (dossier service), its files and the citizen's
 * store (documents service). A file's bytes come over the documents service's
 * HTTP listener, never over NATS.
 */
@Injectable()
export class DossierPlatform {
  constructor(
    private readonly bus: NatsClientProxy,
    @Inject(SERVICE_CONFIG) private readonly config: SignaturesConfig,
  ) {}

  dossier(code: string, credentials: CallerCredentials): Promise<DossierView> {
    return this.bus.request(DossierSubjects.get, { code }, credentials);
  }

  documents(code: string, credentials: CallerCredentials): Promise<DossierDocumentsView> {
    return this.bus.request(DocumentsSubjects.listDossierDocuments, { code }, credentials);
  }

  async download(documentId: string, credentials: CallerCredentials): Promise<Buffer> {
    const authorization = credentials[BusHeader.authorization];
    const response = await fetch(`${this.config.DOCUMENTS_HTTP_URL}/api/v1/documents/${encodeURIComponent(documentId)}/content`, {
      headers: authorization ? { authorization } : {},
      signal: AbortSignal.timeout(30_000),
    }).catch(() => {
      throw new AppError('SERVICE_UNAVAILABLE', 'Không đọc được tệp từ dịch vụ lưu trữ tài liệu; vui lòng thử lại sau ít phút.');
    });
    if (response.status === 404) throw new AppError('NOT_FOUND', `Không tìm thấy tài liệu ${documentId}.`);
    if (!response.ok) throw new AppError('UPSTREAM_ERROR', `Dịch vụ lưu trữ tài liệu trả lỗi ${response.status} khi đọc tài liệu ${documentId}.`);
    return Buffer.from(await response.arrayBuffer());
  }

  storeVerified(request: StoreVerifiedDocumentRequest, credentials: CallerCredentials): Promise<VerifiedDocumentView> {
    return this.bus.request(DocumentsSubjects.storeVerified, request, credentials);
  }

  async receipt(code: string, token: string, credentials: CallerCredentials): Promise<Buffer> {
    const form = await this.bus.request<RenderedForm>(DocumentsSubjects.renderForm, { form: 'receipt', code, token }, credentials);
    return Buffer.from(form.base64, 'base64');
  }
}
