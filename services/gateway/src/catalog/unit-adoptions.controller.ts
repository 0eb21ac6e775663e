import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogSubjects, type AdoptionView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { withPathParams } from '../http/path-params';
import { Requires } from '../http/route-access';

/** How a unit runs a province procedure: its handlers per step and the channels it offers. */
@ApiTags('Danh mục thủ tục (catalog)')
@ApiBearerAuth()
@Controller('api/v1/catalog/units')
export class UnitAdoptionsController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Put(':unitCode/adoptions/:code')
  @Requires(['catalog.adopt'], 'Chỉ quản trị viên của đơn vị (hoặc đơn vị cấp trên) hoặc quản trị viên cấp tỉnh được áp dụng thủ tục cho đơn vị.')
  @ApiOperation({
    summary: 'Đơn vị áp dụng thủ tục của tỉnh: phân công người xử lý từng bước, thu hẹp cách thức tiếp nhận (không đổi thời hạn, phí)',
  })
  put(
    @Param('unitCode') unitCode: string,
    @Param('code') code: string,
    @Body() body: Record<string, unknown> | undefined,
    @CallerHeaders() headers: CallerHeaders,
  ): Promise<AdoptionView> {
    return this.bus.request(CatalogSubjects.putAdoption, withPathParams(body, { unitCode, code }), headers);
  }

  @Get(':unitCode/adoptions/:code')
  @ApiOperation({ summary: 'Cách đơn vị áp dụng một thủ tục (dành cho cán bộ)' })
  get(@Param('unitCode') unitCode: string, @Param('code') code: string, @CallerHeaders() headers: CallerHeaders): Promise<AdoptionView> {
    return this.bus.request(CatalogSubjects.getAdoption, { unitCode, code }, headers);
  }
}
