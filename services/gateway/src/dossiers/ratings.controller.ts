import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { DossierSubjects, type DossierRatingView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { Public } from '../http/route-access';

/**
 * Public, like tracking: whoever holds the receipt rates the handling of a
 * returned dossier with the code and the token printed on it.
 */
@ApiTags('Tra cứu hồ sơ (tracking)')
@Controller('api/v1/tracking')
export class RatingsController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Post(':code/rating')
  @HttpCode(201)
  @Public()
  @ApiOperation({
    summary: 'Đánh giá mức độ hài lòng về giải quyết hồ sơ đã trả kết quả (mỗi hồ sơ một lần), bằng mã hồ sơ và mã tra cứu trên giấy tiếp nhận',
  })
  rate(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined): Promise<DossierRatingView> {
    const { token, scores, comment } = body ?? {};
    return this.bus.request(DossierSubjects.rate, { code, token, scores, comment });
  }
}
