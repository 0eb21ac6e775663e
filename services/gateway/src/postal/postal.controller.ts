import { Body, Controller, Get, HttpCode, Param, Post, Req, type RawBodyRequest } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { POSTAL_HEADERS, PostalSubjects, type PostalOrderView, type ReconciliationView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';
import { CallerHeaders } from '../http/caller-headers';

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

@ApiTags('Bưu chính công ích (postal)')
@Controller('api/v1/postal')
export class PostalController {
  constructor(private readonly bus: NatsClientProxy) {}

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
  @ApiOperation({ summary: 'Bưu chính báo trạng thái đơn (ký HMAC với x-postal-timestamp, x-postal-signature)' })
  webhook(@Req() request: RawBodyRequest<FastifyRequest>): Promise<{ applied: boolean; status: string }> {
    return this.bus.request(PostalSubjects.receiveWebhook, {
      rawBody: request.rawBody?.toString('utf8') ?? '',
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
}
