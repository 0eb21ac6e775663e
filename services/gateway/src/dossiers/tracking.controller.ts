import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DossierSubjects, type TrackingView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging';

/** Public: no sign-in; the code and the token printed (as a QR code) on the receipt are the credential. */
@ApiTags('Tra cứu hồ sơ (tracking)')
@Controller('api/v1/tracking')
export class TrackingController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get(':code')
  @ApiOperation({ summary: 'Tra cứu tiến độ hồ sơ bằng mã hồ sơ và mã tra cứu trên giấy tiếp nhận' })
  track(@Param('code') code: string, @Query('token') token: string | undefined): Promise<TrackingView> {
    return this.bus.request(DossierSubjects.track, { code, token });
  }
}
