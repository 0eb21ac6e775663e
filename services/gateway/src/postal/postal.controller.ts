import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  POSTAL_HEADERS,
  PostalSubjects,
  type HandoverBoardView,
  type HandoverView,
  type PostalOrderView,
  type PostalWebhookReceipt,
  type ReconciliationView,
} from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { withPathParams } from '../http/path-params';
import { Public } from '../http/route-access';

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const WEBHOOK_ROUTE = '/api/v1/postal/webhooks';
const WEBHOOK_MAX_BYTES = 64_000;
/** The bytes of each webhook request as they arrived, for the signature check. */
const rawBodies = new WeakMap<object, Buffer>();
const tooLarge = () => Object.assign(new Error('Thông báo của bưu chính quá lớn.'), { statusCode: 413 });

@ApiTags('Bưu chính công ích (postal)')
@Controller('api/v1/postal')
export class PostalController implements OnModuleInit {
  constructor(
    private readonly bus: NatsClientProxy,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /**
   * Keeps the webhook's bytes before the JSON parser sees them, on that route
   * only: every other route keeps the gateway's own body handling, and passes
   * this hook without a promise (it runs for every request the gateway takes).
   */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('preParsing', (request, _reply, payload, done) => {
      if (request.routeOptions.url !== WEBHOOK_ROUTE) return done(null, payload);
      keepWebhookBody(request.raw, request.headers['content-length'], payload).then(
        (kept) => done(null, kept),
        (error: Error) => done(error),
      );
    });
  }

  @Post('orders')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Đặt bưu chính nhận hồ sơ tại nhà (và trả kết quả qua bưu chính nếu chọn)' })
  create(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<PostalOrderView> {
    return this.bus.request(PostalSubjects.createOrder, body ?? {}, headers);
  }

  @Get('orders/:orderId')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Một đơn bưu chính: mã bưu gửi, trạng thái và các bước theo thời điểm bưu chính báo' })
  get(@Param('orderId') orderId: string, @CallerHeaders() headers: CallerHeaders): Promise<PostalOrderView> {
    return this.bus.request(PostalSubjects.getOrder, { orderId }, headers);
  }

  /**
   * The operator's status reports. The signature covers the exact bytes sent,
   * so they are forwarded as received, never re-serialised.
   */
  @Post('webhooks')
  @HttpCode(200)
  // The operator proves itself by the HMAC signature over the body, checked by the postal service, not by a token.
  @Public()
  @ApiOperation({ summary: 'Bưu chính báo trạng thái đơn (ký HMAC với x-postal-timestamp, x-postal-signature)' })
  webhook(@Req() request: FastifyRequest): Promise<PostalWebhookReceipt> {
    return this.bus.request(PostalSubjects.receiveWebhook, {
      rawBody: rawBodies.get(request.raw)?.toString('utf8') ?? '',
      timestamp: header(request, POSTAL_HEADERS.timestamp),
      signature: header(request, POSTAL_HEADERS.signature),
    });
  }

  @Post('reconciliations')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Đối soát cước và tiền thu hộ của một ngày với bảng kê của bưu chính' })
  reconcile(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<ReconciliationView> {
    return this.bus.request(PostalSubjects.reconcile, body ?? {}, headers);
  }

  @Get('handovers')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Giao nhận với bưu chính tại Bộ phận Một cửa: hồ sơ bưu chính mang đến, kết quả bưu chính nhận đi, các biên bản' })
  handovers(@Query() query: Record<string, unknown>, @CallerHeaders() headers: CallerHeaders): Promise<HandoverBoardView> {
    return this.bus.request(PostalSubjects.handoverBoard, query, headers);
  }

  @Post('handovers')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Lập biên bản giao nhận hồ sơ, kết quả với nhân viên bưu chính' })
  prepareHandover(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<HandoverView> {
    return this.bus.request(PostalSubjects.prepareHandover, body ?? {}, headers);
  }

  @Post('handovers/:handoverId/confirmations')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Một bên ký nhận biên bản giao nhận: cán bộ Một cửa, hoặc bưu chính cho nhân viên của mình' })
  confirmHandover(@Param('handoverId') handoverId: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<HandoverView> {
    return this.bus.request(PostalSubjects.confirmHandover, withPathParams(body, { handoverId }), headers);
  }
}

async function keepWebhookBody(raw: IncomingMessage, contentLength: string | undefined, payload: AsyncIterable<unknown>): Promise<Readable> {
  if (Number(contentLength ?? 0) > WEBHOOK_MAX_BYTES) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += (chunk as Buffer).length;
    if (size > WEBHOOK_MAX_BYTES) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  const body = Buffer.concat(chunks);
  rawBodies.set(raw, body);
  return Readable.from([body]);
}
