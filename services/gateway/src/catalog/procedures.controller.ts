import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CatalogSubjects,
  COMPETENT_LEVELS,
  FIELD_CODES,
  MAX_SEARCH_LIMIT,
  PROCEDURE_FIELDS,
  type ProcedureSearchPage,
  type ProcedureVersionSummary,
  type ProcedureVersionView,
} from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { Public, Requires } from '../http/route-access';

/**
 * The province's procedure catalogue. Reading is public (citizens look up a
 * procedure before they come); changing it is for province admins, which the
 * catalog service decides from the token.
 */
const PROVINCE_ADMINS_ONLY = 'Chỉ quản trị viên cấp tỉnh được thay đổi danh mục thủ tục.';

@ApiTags('Danh mục thủ tục (catalog)')
@Controller('api/v1/catalog')
export class ProceduresController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get('fields')
  @Public({ cacheable: true })
  @ApiOperation({ summary: 'Danh sách lĩnh vực (mã và tên) dùng để lọc thủ tục' })
  fields() {
    return PROCEDURE_FIELDS;
  }

  @Get('procedures')
  @Public({ cacheable: true })
  @ApiOperation({ summary: 'Tìm thủ tục đang có hiệu lực theo mã, tên hoặc lĩnh vực (gõ có dấu hay không dấu đều được)' })
  @ApiQuery({ name: 'q', required: false, description: 'Mã thủ tục hoặc từ khóa, ví dụ "dang ky khai sinh" hoặc "1.001193"' })
  @ApiQuery({ name: 'field', required: false, enum: FIELD_CODES, description: 'Mã lĩnh vực' })
  @ApiQuery({ name: 'level', required: false, enum: COMPETENT_LEVELS, description: 'Cấp thực hiện' })
  @ApiQuery({ name: 'limit', required: false, description: `Số kết quả mỗi trang (1–${MAX_SEARCH_LIMIT}, mặc định 20)` })
  @ApiQuery({ name: 'offset', required: false, description: 'Vị trí bắt đầu (không dùng cùng cursor)' })
  @ApiQuery({ name: 'cursor', required: false, description: 'Giá trị nextCursor của trang trước' })
  search(@Query() query: Record<string, unknown>, @CallerHeaders() headers: CallerHeaders): Promise<ProcedureSearchPage> {
    return this.bus.request(CatalogSubjects.search, query, headers);
  }

  @Post('procedures')
  @HttpCode(201)
  @Requires(['catalog.publish'], PROVINCE_ADMINS_ONLY)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Thêm thủ tục vào danh mục của tỉnh (tạo bản nháp phiên bản 1) — quản trị viên cấp tỉnh' })
  create(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<ProcedureVersionView> {
    return this.bus.request(CatalogSubjects.create, body, headers);
  }

  @Get('procedures/:code')
  @Public({ cacheable: true })
  @ApiOperation({ summary: 'Thủ tục theo mã, phiên bản đang có hiệu lực hôm nay' })
  current(@Param('code') code: string, @CallerHeaders() headers: CallerHeaders): Promise<ProcedureVersionView> {
    return this.bus.request(CatalogSubjects.get, { code }, headers);
  }

  @Get('procedures/:code/versions')
  @Public({ cacheable: true })
  @ApiOperation({ summary: 'Lịch sử các phiên bản của thủ tục (bản nháp chỉ hiện với quản trị viên cấp tỉnh)' })
  versions(@Param('code') code: string, @CallerHeaders() headers: CallerHeaders): Promise<ProcedureVersionSummary[]> {
    return this.bus.request(CatalogSubjects.listVersions, { code }, headers);
  }

  @Get('procedures/:code/versions/in-force')
  @Public({ cacheable: true })
  @ApiOperation({ summary: 'Phiên bản có hiệu lực tại một ngày (hoặc thời điểm), ví dụ ?at=2026-03-01' })
  @ApiQuery({ name: 'at', required: false, description: 'Ngày YYYY-MM-DD hoặc thời điểm ISO 8601; mặc định là hiện tại' })
  inForce(@Param('code') code: string, @Query('at') at: string | undefined, @CallerHeaders() headers: CallerHeaders): Promise<ProcedureVersionView> {
    return this.bus.request(CatalogSubjects.versionInForce, { code, at }, headers);
  }

  @Post('procedures/:code/versions')
  @HttpCode(201)
  @Requires(['catalog.publish'], PROVINCE_ADMINS_ONLY)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Tạo bản nháp phiên bản mới từ phiên bản mới nhất, kèm các nội dung thay đổi — quản trị viên cấp tỉnh' })
  createVersion(@Param('code') code: string, @Body() changes: unknown, @CallerHeaders() headers: CallerHeaders): Promise<ProcedureVersionView> {
    return this.bus.request(CatalogSubjects.createVersion, { code, changes: changes ?? {} }, headers);
  }

  @Get('procedures/:code/versions/:version')
  @Public({ cacheable: true })
  @ApiOperation({ summary: 'Một phiên bản cụ thể của thủ tục' })
  version(@Param('code') code: string, @Param('version') version: string, @CallerHeaders() headers: CallerHeaders): Promise<ProcedureVersionView> {
    return this.bus.request(CatalogSubjects.getVersion, { code, version }, headers);
  }

  @Patch('procedures/:code/versions/:version')
  @Requires(['catalog.publish'], PROVINCE_ADMINS_ONLY)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Sửa bản nháp (phiên bản đã công bố không được sửa) — quản trị viên cấp tỉnh' })
  update(
    @Param('code') code: string,
    @Param('version') version: string,
    @Body() changes: unknown,
    @CallerHeaders() headers: CallerHeaders,
  ): Promise<ProcedureVersionView> {
    return this.bus.request(CatalogSubjects.updateVersion, { code, version, changes }, headers);
  }

  @Post('procedures/:code/versions/:version/publish')
  @HttpCode(200)
  @Requires(['catalog.publish'], PROVINCE_ADMINS_ONLY)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Công bố bản nháp; có hiệu lực từ ngày ghi trong bản nháp — quản trị viên cấp tỉnh' })
  publish(@Param('code') code: string, @Param('version') version: string, @CallerHeaders() headers: CallerHeaders): Promise<ProcedureVersionView> {
    return this.bus.request(CatalogSubjects.publishVersion, { code, version }, headers);
  }

  @Post('procedures/:code/versions/:version/withdraw')
  @HttpCode(200)
  @Requires(['catalog.publish'], PROVINCE_ADMINS_ONLY)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Thu hồi phiên bản đã công bố kể từ bây giờ, kèm lý do ({"reason": "…"}) — quản trị viên cấp tỉnh' })
  withdraw(
    @Param('code') code: string,
    @Param('version') version: string,
    @Body() body: { reason?: unknown } | undefined,
    @CallerHeaders() headers: CallerHeaders,
  ): Promise<ProcedureVersionView> {
    return this.bus.request(CatalogSubjects.withdrawVersion, { code, version, reason: body?.reason }, headers);
  }
}
