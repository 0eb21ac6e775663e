import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CalendarSubjects,
  type CalendarProposalView,
  type CalendarView,
  type DueDateView,
  type UnitOverrideView,
  type WorkingTimeView,
} from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { withPathParams } from '../http/path-params';
import { Public, Requires } from '../http/route-access';

const PROVINCE_CALENDAR_EDITORS = 'Chỉ quản trị viên cấp tỉnh được sửa lịch làm việc và ngày nghỉ của tỉnh.';

/** The working-day calendar kept by the catalog service; the gateway only maps routes to subjects. */
@ApiTags('Lịch làm việc (calendar)')
@ApiBearerAuth()
@Controller('api/v1/calendar')
export class CalendarController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Post('due-date')
  @HttpCode(200)
  @ApiOperation({ summary: 'Tính hạn giải quyết: {unitCode?, receivedAt, duration: {value, unit}, pauses?}' })
  dueDate(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<DueDateView> {
    return this.bus.request(CalendarSubjects.dueDate, body ?? {}, headers);
  }

  @Post('working-time')
  @HttpCode(200)
  @ApiOperation({ summary: 'Thời gian làm việc giữa hai thời điểm theo lịch của đơn vị: {unitCode?, from, to}' })
  workingTime(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<WorkingTimeView> {
    return this.bus.request(CalendarSubjects.workingTime, body ?? {}, headers);
  }

  @Put('units/:unitCode')
  @Requires(['catalog.adopt'], 'Chỉ quản trị viên của đơn vị (hoặc đơn vị cấp trên) hoặc quản trị viên cấp tỉnh được điều chỉnh giờ làm việc của đơn vị.')
  @ApiOperation({ summary: 'Điều chỉnh giờ làm việc, giờ chốt tiếp nhận của một đơn vị (null: theo lịch của tỉnh)' })
  setUnitOverride(
    @Param('unitCode') unitCode: string,
    @Body() body: Record<string, unknown> | undefined,
    @CallerHeaders() headers: CallerHeaders,
  ): Promise<UnitOverrideView> {
    return this.bus.request(CalendarSubjects.setUnitOverride, withPathParams(body, { unitCode }), headers);
  }

  @Get(':year')
  @Public({ cacheable: true })
  @ApiOperation({ summary: 'Lịch làm việc của một năm cho một đơn vị (?unit=05983; bỏ trống: lịch của tỉnh)' })
  get(@Param('year') year: string, @Query('unit') unitCode: string | undefined, @CallerHeaders() headers: CallerHeaders): Promise<CalendarView> {
    return this.bus.request(CalendarSubjects.get, { year, unitCode }, headers);
  }

  @Get(':year/proposal')
  @ApiOperation({ summary: 'Đề xuất ngày nghỉ lễ của năm theo Bộ luật Lao động, để quản trị viên đối chiếu rồi lưu' })
  proposal(@Param('year') year: string, @CallerHeaders() headers: CallerHeaders): Promise<CalendarProposalView> {
    return this.bus.request(CalendarSubjects.propose, { year }, headers);
  }

  @Put(':year/days')
  @Requires(['catalog.publish'], PROVINCE_CALENDAR_EDITORS)
  @ApiOperation({ summary: 'Lưu ngày nghỉ lễ và ngày làm bù của năm (thay toàn bộ danh sách của năm)' })
  setDays(@Param('year') year: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<CalendarView> {
    return this.bus.request(CalendarSubjects.setDays, withPathParams(body, { year }), headers);
  }

  @Put(':year/hours')
  @Requires(['catalog.publish'], PROVINCE_CALENDAR_EDITORS)
  @ApiOperation({ summary: 'Lưu giờ làm việc trong tuần, giờ của ngày làm bù, giờ chốt tiếp nhận và cách tính thời hạn theo ngày, tháng (calendarDaysFrom), từ năm này trở đi' })
  setHours(@Param('year') year: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<CalendarView> {
    return this.bus.request(CalendarSubjects.setHours, withPathParams(body, { year }), headers);
  }
}
