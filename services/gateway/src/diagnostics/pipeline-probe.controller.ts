import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PipelineProbeSubjects, type ProbeReceipt, type RecordedProbe } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { Requires } from '../http/route-access';

/**
 * The operator's end-to-end check of the write path: record a probe in the
 * dossier service, then ask reporting whether its event arrived.
 */
@ApiTags('Vận hành (operations)')
@ApiBearerAuth()
@Controller('api/v1/diagnostics/pipeline-probes')
export class PipelineProbeController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Post()
  @HttpCode(201)
  @Requires(['diagnostics.run'], 'Chỉ quản trị viên cấp tỉnh được chạy và xem kiểm tra đường truyền.')
  @ApiOperation({ summary: 'Ghi một lần kiểm tra đường truyền (hồ sơ → outbox → JetStream → báo cáo)' })
  record(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<RecordedProbe> {
    return this.bus.request(PipelineProbeSubjects.record, body ?? {}, headers);
  }

  @Get(':probeId')
  @Requires(['diagnostics.run'], 'Chỉ quản trị viên cấp tỉnh được chạy và xem kiểm tra đường truyền.')
  @ApiOperation({ summary: 'Báo cáo đã nhận sự kiện của lần kiểm tra chưa, sau bao lâu' })
  receipt(@Param('probeId') probeId: string, @CallerHeaders() headers: CallerHeaders): Promise<ProbeReceipt> {
    return this.bus.request(PipelineProbeSubjects.get, { probeId }, headers);
  }
}
