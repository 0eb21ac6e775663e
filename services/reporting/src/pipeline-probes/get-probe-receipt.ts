import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type ProbeReceipt } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';

@Injectable()
export class GetProbeReceipt {
  constructor(private readonly dataSource: DataSource) {}

  async execute(probeId: string, principal: Principal): Promise<ProbeReceipt> {
    if (!isAllowed(principal, 'diagnostics.run', {})) {
      throw new AppError('FORBIDDEN', 'Chỉ quản trị viên cấp tỉnh được xem kết quả kiểm tra đường truyền.');
    }
    const rows: { probe_id: string; recorded_at: Date; received_at: Date }[] = await this.dataSource.query(
      'SELECT probe_id, recorded_at, received_at FROM pipeline_probe_receipts WHERE probe_id = $1',
      [probeId],
    );
    const row = rows[0];
    if (!row) {
      throw new AppError('NOT_FOUND', 'Báo cáo chưa nhận được sự kiện của lần kiểm tra này. Đợi vài giây rồi xem lại.');
    }
    return {
      probeId: row.probe_id,
      recordedAt: row.recorded_at.toISOString(),
      receivedAt: row.received_at.toISOString(),
      lagMs: row.received_at.getTime() - row.recorded_at.getTime(),
    };
  }
}
