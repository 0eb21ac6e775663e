import { Controller, Get, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../http/route-access';
import { GetPlatformHealth } from './get-platform-health';

@ApiTags('Vận hành (operations)')
@Controller('api/v1/health')
export class HealthController {
  constructor(private readonly getPlatformHealth: GetPlatformHealth) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Trạng thái của cả tám dịch vụ, hỏi qua NATS' })
  @ApiResponse({ status: 200, description: 'Tất cả dịch vụ hoạt động' })
  @ApiResponse({ status: 503, description: 'Có dịch vụ không phản hồi' })
  async health(@Res({ passthrough: true }) reply: FastifyReply) {
    const health = await this.getPlatformHealth.execute();
    reply.status(health.status === 'ok' ? 200 : 503);
    return health;
  }

  @Get('live')
  @Public()
  @ApiOperation({ summary: 'Cổng API còn sống (không hỏi các dịch vụ khác)' })
  live() {
    return { status: 'ok' };
  }
}
