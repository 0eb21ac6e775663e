import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, probeRecordedV1, type RecordedProbe, type RecordProbeRequest } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { Outbox } from '@mc/messaging';
import { PipelineProbe } from './pipeline-probe.entity';

/**
 * Commits a probe row and its `probe.recorded` event in one transaction, so the
 * operator can see that the write path (database, outbox, JetStream, consumers)
 * works end to end.
 */
@Injectable()
export class RecordPipelineProbe {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
  ) {}

  async execute(input: RecordProbeRequest, principal: Principal): Promise<RecordedProbe> {
    if (!isAllowed(principal, 'diagnostics.run', {})) {
      throw new AppError('FORBIDDEN', 'Chỉ quản trị viên cấp tỉnh được chạy kiểm tra đường truyền.');
    }
    return this.dataSource.transaction(async (manager) => {
      const probe = manager.create(PipelineProbe, {
        id: randomUUID(),
        note: input.note ?? null,
        recordedBy: principal.username,
        recordedAt: new Date(),
      });
      await manager.insert(PipelineProbe, probe);
      const recorded: RecordedProbe = {
        probeId: probe.id,
        note: probe.note,
        recordedAt: probe.recordedAt.toISOString(),
        recordedBy: probe.recordedBy,
      };
      await this.outbox.add(manager, probeRecordedV1, recorded);
      return recorded;
    });
  }
}
