import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { WorkQueueSubjects, type WorkQueueCounts, type WorkQueuePage } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';

@ApiTags('Hàng đợi công việc (work queues)')
@ApiBearerAuth()
@Controller('api/v1/work-queues')
export class WorkQueuesController {
  constructor(private readonly bus: NatsClientProxy) {}

  // Declared before ':queue' so "counts" is not read as a queue name.
  @Get('counts')
  @ApiOperation({ summary: 'Số hồ sơ của từng hàng đợi trong phạm vi của người xem (bảng điều khiển); nhận cùng bộ lọc như danh sách' })
  counts(@Query() query: Record<string, unknown>, @CallerHeaders() headers: CallerHeaders): Promise<WorkQueueCounts> {
    return this.bus.request(WorkQueueSubjects.counts, query ?? {}, headers);
  }

  @Get(':queue')
  @ApiOperation({
    summary:
      'Một trang hàng đợi (mine, unit, due_soon, overdue, waiting_supplement), theo hạn xử lý; lọc procedureCode, channel, receivingUnitCode, state; limit ≤ 100; cursor lấy từ nextCursor',
  })
  list(@Param('queue') queue: string, @Query() query: Record<string, unknown>, @CallerHeaders() headers: CallerHeaders): Promise<WorkQueuePage> {
    return this.bus.request(WorkQueueSubjects.list, { ...(query ?? {}), queue }, headers);
  }
}
