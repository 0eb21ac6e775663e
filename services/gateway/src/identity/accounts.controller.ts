import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdentitySubjects } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { withPathParams } from '../http/path-params';
import { Public, Requires } from '../http/route-access';

@ApiTags('Tài khoản (accounts)')
@ApiBearerAuth()
@Controller('api/v1')
export class AccountsController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get('accounts')
  @ApiOperation({ summary: 'Tài khoản của một đơn vị (và các đơn vị trực thuộc), theo tên đăng nhập' })
  list(
    @Query('unit') unitCode: string,
    @Query('includeSubunits') includeSubunits: string | undefined,
    @Query('limit') limit: string | undefined,
    @Query('after') after: string | undefined,
    @CallerHeaders() headers: CallerHeaders,
  ) {
    return this.bus.request(
      IdentitySubjects.accountList,
      { unitCode, includeSubunits: includeSubunits !== 'false', limit: limit ? Number(limit) : undefined, after },
      headers,
    );
  }

  @Post('accounts')
  @HttpCode(201)
  @Requires(['account.create'], 'Chỉ quản trị viên được tạo tài khoản cán bộ.')
  @ApiOperation({ summary: 'Tạo tài khoản cán bộ tại một đơn vị, kèm vai trò' })
  create(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.accountCreate, body, headers);
  }

  @Get('accounts/:accountId')
  @ApiOperation({ summary: 'Một tài khoản (404 nếu ngoài phạm vi quản lý)' })
  get(@Param('accountId') accountId: string, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.accountGet, { accountId }, headers);
  }

  @Post('accounts/:accountId/disable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Khóa tài khoản (không bao giờ xóa); mã đăng nhập hiện có ngừng hiệu lực' })
  disable(@Param('accountId') accountId: string, @Body() body: { reason?: unknown }, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.accountDisable, { accountId, reason: body?.reason }, headers);
  }

  @Post('accounts/:accountId/enable')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mở khóa tài khoản' })
  enable(@Param('accountId') accountId: string, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.accountEnable, { accountId }, headers);
  }

  @Post('accounts/:accountId/roles')
  @HttpCode(200)
  @ApiOperation({ summary: 'Giao vai trò tại một đơn vị' })
  grant(@Param('accountId') accountId: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.roleGrant, withPathParams(body, { accountId }), headers);
  }

  @Delete('accounts/:accountId/roles/:grantId')
  @ApiOperation({ summary: 'Thu hồi vai trò' })
  revoke(@Param('accountId') accountId: string, @Param('grantId') grantId: string, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.roleRevoke, { accountId, grantId }, headers);
  }

  /** 202 with the same body whether or not the number already had an account: the answer must not reveal which. */
  @Post('citizens')
  @HttpCode(202)
  @Public()
  @ApiOperation({ summary: 'Công dân tự đăng ký tài khoản trực tuyến (số định danh chưa được xác minh)' })
  registerCitizen(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.citizenRegister, body, headers);
  }

  @Post('citizens/:idNumber/verification')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cán bộ một cửa xác minh số định danh trực tiếp, theo giấy tờ công dân xuất trình (tạo tài khoản nếu chưa có)' })
  verifyCitizen(@Param('idNumber') idNumber: string, @Body() body: Record<string, unknown>, @CallerHeaders() headers: CallerHeaders) {
    return this.bus.request(IdentitySubjects.citizenVerify, { ...(body ?? {}), idNumber }, headers);
  }
}
