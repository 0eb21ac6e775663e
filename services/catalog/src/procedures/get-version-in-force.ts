import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type ProcedureVersionView, type VersionInForceRequest } from '@mc/contracts';
import { vietnamDate } from '@mc/working-calendar';
import { CLOCK, type Clock } from '@mc/service-runtime';
import { notFound, toVersionView, versionsOf, vietnameseDate } from './procedure-versions';
import { instantOf, versionInForce } from './version-in-force';

/**
 * The version of a procedure that applies at a moment (now by default): what a
 * citizen is told today, and what a dossier records when it is received.
 */
@Injectable()
export class GetVersionInForce {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: VersionInForceRequest): Promise<ProcedureVersionView> {
    const at = input.at ? instantOf(input.at) : this.clock.now();
    const versions = await versionsOf(this.dataSource.manager, input.code);
    if (!versions.some((row) => row.status !== 'draft')) throw notFound(input.code);
    const row = versionInForce(versions, at);
    if (!row) {
      throw new AppError(
        'NOT_FOUND',
        `Thủ tục mã ${input.code} không có phiên bản nào có hiệu lực vào ngày ${vietnameseDate(vietnamDate(at))}.`,
        { code: input.code, at: at.toISOString() },
      );
    }
    return toVersionView(row);
  }
}
