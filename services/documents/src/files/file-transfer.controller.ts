import { Controller, Get, Head, Inject, Param, Patch, Post, Req, Res, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, httpStatusFor, parseInput, uploadMetadataSchema, type ErrorCode } from '@mc/contracts';
import { TokenVerifier, type Principal } from '@mc/auth';
import { BusHeader, RemoteError } from '@mc/messaging';
import type { Logger } from '@mc/observability';
import { LOGGER } from '@mc/service-runtime';
import { AppendToUpload } from '../uploads/append-to-upload';
import { GetUploadOffset } from '../uploads/get-upload-offset';
import { StartUpload } from '../uploads/start-upload';
import { DownloadDocument } from './download-document';
import type { CallerCredentials } from './dossier-access';

export const TUS_VERSION = '1.0.0';
const TUS_CONTENT_TYPE = 'application/offset+octet-stream';

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** tus `Upload-Metadata`: comma-separated `key base64(value)` pairs. */
export function decodeUploadMetadata(value: string | undefined): Record<string, string> {
  const metadata: Record<string, string> = {};
  for (const pair of (value ?? '').split(',')) {
    const [key, encoded] = pair.trim().split(' ');
    if (key) metadata[key] = Buffer.from(encoded ?? '', 'base64').toString('utf8');
  }
  return metadata;
}

const byteCount = (value: string | undefined, name: string) => {
  if (value === undefined || !/^\d{1,15}$/.test(value)) throw new AppError('VALIDATION_FAILED', `Thiếu hoặc sai tiêu đề ${name} (số byte).`);
  return Number(value);
};

/**
 * The bytes of dossier files, on the documents service's own listener: the
 * gateway forwards these paths from the public address unchanged, streaming
 * both ways. Uploads speak the tus 1.0 core protocol with the creation
 * extension, so any tus client resumes them. Each handler calls one use case.
 */
@Controller('api/v1')
export class FileTransferController implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly verifier: TokenVerifier,
    private readonly startUpload: StartUpload,
    private readonly appendToUpload: AppendToUpload,
    private readonly getUploadOffset: GetUploadOffset,
    private readonly downloadDocument: DownloadDocument,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Upload bytes are read by the use case as they arrive, never parsed into memory. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser(TUS_CONTENT_TYPE, (_request, _payload, done) => done(null, undefined));
  }

  @Post('uploads')
  create(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.respond(reply, async () => {
      const principal = await this.principal(request);
      const size = byteCount(header(request, 'upload-length'), 'Upload-Length');
      const metadata = parseInput(uploadMetadataSchema, decodeUploadMetadata(header(request, 'upload-metadata')));
      const { uploadId } = await this.startUpload.execute(principal, this.credentials(request), metadata, size);
      void reply.status(201).header('location', `/api/v1/uploads/${uploadId}`).header('upload-offset', '0').send();
    });
  }

  @Head('uploads/:uploadId')
  offset(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('uploadId') uploadId: string) {
    return this.respond(reply, async () => {
      const { offset, length, documentId } = await this.getUploadOffset.execute(await this.principal(request), uploadId);
      if (documentId) void reply.header('x-document-id', documentId);
      void reply.status(200).header('upload-offset', String(offset)).header('upload-length', String(length)).send();
    });
  }

  @Patch('uploads/:uploadId')
  append(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('uploadId') uploadId: string) {
    return this.respond(reply, async () => {
      const principal = await this.principal(request);
      if (header(request, 'content-type') !== TUS_CONTENT_TYPE) {
        throw new AppError('FILE_TYPE_REFUSED', `Nội dung tệp phải gửi với Content-Type: ${TUS_CONTENT_TYPE}.`);
      }
      const offset = byteCount(header(request, 'upload-offset'), 'Upload-Offset');
      const result = await this.appendToUpload.execute(principal, uploadId, offset, request.raw);
      if (result.documentId) void reply.header('x-document-id', result.documentId);
      void reply.status(204).header('upload-offset', String(result.offset)).send();
    });
  }

  @Get('documents/:documentId/content')
  content(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('documentId') documentId: string) {
    return this.respond(reply, async () => {
      await this.principal(request);
      const { row, content } = await this.downloadDocument.execute(this.credentials(request), documentId);
      void reply
        .status(200)
        .header('content-type', row.content_type)
        .header('content-length', row.size)
        .header('content-disposition', `attachment; filename="${row.filename.replace(/[^A-Za-z0-9._-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(row.filename)}`)
        .header('x-content-sha256', row.sha256)
        .send(content);
    });
  }

  private async principal(request: FastifyRequest): Promise<Principal> {
    const [scheme, token] = (header(request, BusHeader.authorization) ?? '').split(' ');
    if (scheme?.toLowerCase() !== 'bearer' || !token) throw new AppError('UNAUTHENTICATED', 'Bạn cần đăng nhập để tải tệp lên hoặc xuống.');
    return this.verifier.verify(token);
  }

  private credentials(request: FastifyRequest): CallerCredentials {
    return { [BusHeader.authorization]: header(request, BusHeader.authorization), [BusHeader.traceparent]: header(request, BusHeader.traceparent) };
  }

  private async respond(reply: FastifyReply, work: () => Promise<void>): Promise<void> {
    void reply.header('tus-resumable', TUS_VERSION).header('cache-control', 'no-store');
    try {
      await work();
    } catch (error) {
      // Another service's refusal (the dossier out of sight, the catalog unavailable) is answered as that service gave it.
      const known =
        error instanceof AppError
          ? error
          : error instanceof RemoteError
            ? new AppError(error.code as ErrorCode, error.message, error.details)
            : new AppError('INTERNAL', 'Lỗi khi xử lý tệp; hãy thử lại sau ít phút.');
      if (known.code === 'INTERNAL') this.logger.error({ err: error }, 'file transfer failed');
      if (known.details !== undefined && typeof (known.details as { offset?: number }).offset === 'number') {
        void reply.header('upload-offset', String((known.details as { offset: number }).offset));
      }
      void reply.status(httpStatusFor(known.code)).send({ error: known.toBody() });
    }
  }
}
