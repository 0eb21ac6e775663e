import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DossierSubjects, type TrackingBook } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';

@ApiTags('Hồ sơ (dossiers)')
@ApiBearerAuth()
@Controller('api/v1/tracking-books')
export class TrackingBookController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get(':unitCode')
  @ApiOperation({ summary: 'Sổ theo dõi hồ sơ của một đơn vị tiếp nhận trong một khoảng ngày (from, to: yyyy-mm-dd)' })
  book(
    @Param('unitCode') unitCode: string,
    @Query('from') from: string,
    @Query('to') to: string,
    @Query('offset') offset: string | undefined,
    @Query('limit') limit: string | undefined,
    @CallerHeaders() headers: CallerHeaders,
  ): Promise<TrackingBook> {
    return this.bus.request(
      DossierSubjects.trackingBook,
      { unitCode, from, to, offset: offset ? Number(offset) : undefined, limit: limit ? Number(limit) : undefined },
      headers,
    );
  }
}
