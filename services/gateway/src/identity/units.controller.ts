import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdentitySubjects } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { withPathParams } from '../http/path-params';
import { Requires } from '../http/route-access';

@ApiTags('Đơn vị (units)')
@ApiBearerAuth()
@Controller('api/v1/units')
export class UnitsController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get(':code')
  @ApiOperation({ summary: 'Một đơn vị và các đơn vị trực thuộc' })
  get(@Param('code') code: string, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.unitGet, { code }, headers);
  }

  @Post()
  @HttpCode(201)
  @Requires(['unit.create'], 'Chỉ quản trị viên được thêm đơn vị.')
  @ApiOperation({ summary: 'Thêm đơn vị (mã đơn vị không bao giờ được dùng lại)' })
  create(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.unitCreate, body, headers);
  }

  @Patch(':code')
  @ApiOperation({ summary: 'Đổi tên đơn vị hoặc đặt ngày hết hiệu lực (giữ lịch sử tên)' })
  update(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.unitUpdate, withPathParams(body, { code }), headers);
  }

  @Post('import')
  @HttpCode(200)
  @Requires(['unit.create'], 'Chỉ quản trị viên được nhập danh sách đơn vị.')
  @ApiOperation({ summary: 'Nhập danh sách đơn vị (JSON; cấp trên trước cấp dưới); một dòng sai thì không nhập gì' })
  import(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.unitImport, body, headers);
  }
}
