import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { Controller, Get, Head, Inject, Param, Patch, Post, Req, Res, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBearerAuth, ApiConsumes, ApiHeader, ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { context, propagation } from '@opentelemetry/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@mc/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../gateway.config';

const TUS_CONTENT_TYPE = 'application/offset+octet-stream';
/** What goes on to the documents service: the caller's token and the upload's tus headers (the body's framing only with bytes). */
const FORWARDED_REQUEST = ['authorization', 'tus-resumable', 'upload-length', 'upload-offset', 'upload-metadata'];
/** What comes back from it. */
const FORWARDED_RESPONSE = [
  'content-type',
  'content-length',
  'content-disposition',
  'location',
  'tus-resumable',
  'upload-offset',
  'upload-length',
  'x-document-id',
  'x-content-sha256',
];

const unavailable = () => new AppError('SERVICE_UNAVAILABLE', 'Dịch vụ lưu trữ tệp tạm thời không phục vụ; tệp đã gửi được giữ lại, hãy thử gửi tiếp sau ít phút.');

/**
 * Dossier files through the platform's public address. The bytes never cross
 * NATS (a message carries 1 MB): the gateway forwards these routes to the
 * documents service's own HTTP listener, streaming the body both ways with
 * backpressure, after its own checks (rate limit, a signed-in caller). A
 * client that drops its connection drops the forwarded one too, and the
 * documents service keeps what arrived for the upload to resume.
 */
@ApiTags('Tệp hồ sơ (documents)')
@ApiBearerAuth()
@Controller('api/v1')
export class FileTransferController implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  /** Upload bytes are forwarded as they arrive, never parsed, so the JSON body limit does not apply to them. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addContentTypeParser(TUS_CONTENT_TYPE, (_request, _payload, done) => done(null, undefined));
  }

  @Post('uploads')
  @ApiOperation({
    summary:
      'Bắt đầu tải lên một tệp của hồ sơ (giao thức tus 1.0, phần creation): Upload-Length là số byte; Upload-Metadata gồm dossierCode, component (số thứ tự thành phần hoặc "result"), purpose (submission, supplement, digitisation), filename — mỗi giá trị mã hóa base64. Trả 201 với Location của lượt tải lên.',
  })
  @ApiHeader({ name: 'Tus-Resumable', required: true, description: '1.0.0' })
  @ApiHeader({ name: 'Upload-Length', required: true, description: 'Dung lượng tệp (byte)' })
  @ApiHeader({ name: 'Upload-Metadata', required: true, description: 'dossierCode <base64>,component <base64>,purpose <base64>,filename <base64>' })
  @ApiResponse({ status: 201, description: 'Đã mở lượt tải lên; gửi nội dung bằng PATCH tới địa chỉ trong Location' })
  create(@Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.forward(request, reply);
  }

  @Head('uploads/:uploadId')
  @ApiOperation({ summary: 'Đã nhận bao nhiêu byte của lượt tải lên (Upload-Offset): gửi tiếp từ đó sau khi mất kết nối; X-Document-Id khi đã xong' })
  @ApiParam({ name: 'uploadId', description: 'Mã lượt tải lên (cuối Location)' })
  @ApiResponse({ status: 200, description: 'Upload-Offset, Upload-Length trong tiêu đề' })
  offset(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('uploadId') _uploadId: string) {
    return this.forward(request, reply);
  }

  @Patch('uploads/:uploadId')
  @ApiOperation({
    summary:
      'Gửi tiếp nội dung tệp từ vị trí Upload-Offset (Content-Type: application/offset+octet-stream). Loại tệp nhận ra từ nội dung và so với danh sách cho phép của thành phần; tệp bị từ chối không được lưu lại gì. Khi đủ byte: 204 với X-Document-Id.',
  })
  @ApiParam({ name: 'uploadId', description: 'Mã lượt tải lên (cuối Location)' })
  @ApiHeader({ name: 'Upload-Offset', required: true, description: 'Số byte đã gửi trước đó' })
  @ApiConsumes(TUS_CONTENT_TYPE)
  @ApiResponse({ status: 204, description: 'Đã nhận; Upload-Offset là số byte đã có' })
  append(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('uploadId') _uploadId: string) {
    return this.forward(request, reply);
  }

  @Get('documents/:documentId/content')
  @ApiOperation({ summary: 'Tải xuống một phiên bản tệp của hồ sơ (mọi phiên bản, kể cả bản đã được thay thế), cho người được xem hồ sơ; X-Content-SHA256 là mã băm' })
  @ApiParam({ name: 'documentId' })
  @ApiProduces('application/octet-stream')
  content(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('documentId') _documentId: string) {
    return this.forward(request, reply);
  }

  private async forward(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const target = new URL(request.url, this.config.DOCUMENTS_HTTP_URL);
    // Only PATCH carries bytes; whatever body another method came with was read by the gateway and goes no further.
    const streamsBody = request.method === 'PATCH';
    if (streamsBody && request.headers['content-type'] !== TUS_CONTENT_TYPE) {
      throw new AppError('FILE_TYPE_REFUSED', `Nội dung tệp phải gửi với Content-Type: ${TUS_CONTENT_TYPE} (giao thức tus).`);
    }
    const headers: Record<string, string> = {};
    for (const name of [...FORWARDED_REQUEST, ...(streamsBody ? ['content-type', 'content-length'] : [])]) {
      const value = request.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    propagation.inject(context.active(), headers);
    return new Promise<void>((resolve, reject) => {
      const upstream = httpRequest(target, { method: request.method, headers }, (response) => {
        reply.status(response.statusCode ?? 502);
        for (const name of FORWARDED_RESPONSE) {
          const value = (response.headers as IncomingHttpHeaders)[name];
          if (value !== undefined) void reply.header(name, value);
        }
        void reply.send(response);
        resolve();
      });
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (reply.sent) return resolve();
        reject(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENOTFOUND'].includes(error.code ?? '') ? unavailable() : error);
      });
      if (streamsBody) {
        // A dropped client destroys the forwarded request, so the service sees the same interruption.
        pipeline(request.raw, upstream).catch(() => upstream.destroy());
      } else {
        upstream.end();
      }
    });
  }
}
