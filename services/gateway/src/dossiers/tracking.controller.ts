import { Controller, Get, Headers, Param, Query } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DossierSubjects, type TrackingView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { Public } from '../http/route-access';

/** Public: no sign-in; the code and the token printed (as a QR code) on the receipt are the credential. */
@ApiTags('Tra cứu hồ sơ (tracking)')
@Controller('api/v1/tracking')
export class TrackingController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'Tra cứu tiến độ hồ sơ bằng mã hồ sơ và mã tra cứu trên giấy tiếp nhận' })
  @ApiHeader({ name: 'X-Tracking-Token', required: false, description: 'Mã tra cứu trên giấy tiếp nhận (nên dùng thay cho tham số token: địa chỉ có thể bị lưu lại ở trình duyệt, proxy)' })
  @ApiQuery({ name: 'token', required: false, description: 'Mã tra cứu, như trong mã QR trên giấy tiếp nhận' })
  track(
    @Param('code') code: string,
    @Headers('x-tracking-token') headerToken: string | undefined,
    @Query('token') queryToken: string | undefined,
  ): Promise<TrackingView> {
    return this.bus.request(DossierSubjects.track, { code, token: headerToken ?? queryToken });
  }
}
