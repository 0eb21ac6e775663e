import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  NotificationSubjects,
  PROVIDER_TOKEN_HEADER,
  type CostReport,
  type DeadLetterList,
  type ProviderReceipt,
  type RetryReceipt,
  type StaffNoticeList,
  type StaffNoticesReadReceipt,
  type TemplateList,
  type TemplateView,
} from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { Public } from '../http/route-access';

const asObject = (body: unknown) => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {});

@ApiTags('Thông báo cho công dân (notifications)')
@Controller('api/v1/notifications')
export class NotificationsController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get('templates')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Các mẫu thông báo đang dùng (mỗi loại sự kiện, mỗi kênh), với các trường dùng được' })
  listTemplates(@CallerHeaders() headers: CallerHeaders): Promise<TemplateList> {
    return this.bus.request(NotificationSubjects.listTemplates, {}, headers);
  }

  @Post('templates')
  @HttpCode(201)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Lưu phiên bản mới của một mẫu thông báo (quản trị tỉnh); phiên bản cũ được giữ lại' })
  saveTemplate(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<TemplateView> {
    return this.bus.request(NotificationSubjects.saveTemplate, body ?? {}, headers);
  }

  @Get('dead-letters')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Tin không gửi được sau nhiều lần thử hoặc bị nhà cung cấp từ chối, mới nhất trước' })
  deadLetters(@Query() query: Record<string, unknown>, @CallerHeaders() headers: CallerHeaders): Promise<DeadLetterList> {
    return this.bus.request(NotificationSubjects.listDeadLetters, query ?? {}, headers);
  }

  @Post('dead-letters/:messageId/retry')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Gửi lại một tin không gửi được (số lần thử tính lại từ đầu)' })
  retry(@Param('messageId') messageId: string, @CallerHeaders() headers: CallerHeaders): Promise<RetryReceipt> {
    return this.bus.request(NotificationSubjects.retryDeadLetter, { messageId }, headers);
  }

  @Get('costs')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Số tin, số đơn vị tính cước và chi phí (đồng) theo kênh trong khoảng ngày from–to' })
  costs(@Query() query: Record<string, unknown>, @CallerHeaders() headers: CallerHeaders): Promise<CostReport> {
    return this.bus.request(NotificationSubjects.costs, query ?? {}, headers);
  }

  @Get('staff-notices')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Thông báo công việc của cán bộ (hồ sơ mới vào hàng đợi, sắp đến hạn, quá hạn) sau thời điểm since' })
  staffNotices(@Query() query: Record<string, unknown>, @CallerHeaders() headers: CallerHeaders): Promise<StaffNoticeList> {
    return this.bus.request(NotificationSubjects.staffNotices, query ?? {}, headers);
  }

  @Post('staff-notices/read')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Cán bộ đánh dấu đã đọc các thông báo công việc của mình (ids); trả lại số thông báo còn chưa đọc' })
  markStaffNoticesRead(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<StaffNoticesReadReceipt> {
    return this.bus.request(NotificationSubjects.markStaffNoticesRead, body ?? {}, headers);
  }

  @Post('providers/sms/reports')
  @HttpCode(200)
  // The gateway's callback token (x-provider-token), checked by the notifications service, is the credential.
  @Public()
  @ApiOperation({ summary: 'Báo cáo phát tin của cổng SMS thương hiệu (x-provider-token)' })
  smsReport(@Body() body: unknown, @Headers(PROVIDER_TOKEN_HEADER) token: string | undefined): Promise<ProviderReceipt> {
    return this.bus.request(NotificationSubjects.deliveryReport, { token, report: { ...asObject(body), channel: 'sms' } });
  }

  @Post('providers/zalo/reports')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Báo cáo người dùng đã nhận tin ZNS của Zalo (x-provider-token)' })
  zaloReport(@Body() body: unknown, @Headers(PROVIDER_TOKEN_HEADER) token: string | undefined): Promise<ProviderReceipt> {
    return this.bus.request(NotificationSubjects.deliveryReport, { token, report: { ...asObject(body), channel: 'zalo' } });
  }

  @Post('providers/sms/inbound')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Tin nhắn công dân gửi đến tổng đài (MC <mã hồ sơ> để tra cứu), do cổng SMS chuyển tới (x-provider-token)' })
  inboundSms(@Body() body: unknown, @Headers(PROVIDER_TOKEN_HEADER) token: string | undefined): Promise<ProviderReceipt> {
    return this.bus.request(NotificationSubjects.inboundSms, { token, sms: body ?? {} });
  }
}
