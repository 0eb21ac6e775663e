import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type Applicant, type ReturningApplicant, type ReturningApplicantRequest } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { scopeOf, SqlParams, visibleSql } from '../work-queues/work-queue-scope';

/**
 * A returning applicant's name, address and contacts as the caller's units
 * last wrote them down, so the counter does not type them again. Only dossiers
 * the caller may read count: a commune's clerk learns nothing of a citizen
 * from another commune's papers.
 */
@Injectable()
export class FindReturningApplicant {
  constructor(private readonly dataSource: DataSource) {}

  async execute(input: ReturningApplicantRequest, principal: Principal): Promise<ReturningApplicant> {
    const params = new SqlParams();
    const idNumber = params.add(input.idNumber);
    const visible = visibleSql(scopeOf(principal), params);
    const rows: { code: string; applicant: Applicant; received_at: Date }[] = await this.dataSource.query(
      `SELECT code, applicant, received_at FROM dossiers
        WHERE applicant_id_number = ${idNumber} AND ${visible}
        ORDER BY received_at DESC LIMIT 1`,
      params.values,
    );
    const row = rows[0];
    if (!row || row.applicant.kind !== 'individual') {
      throw new AppError('NOT_FOUND', `Đơn vị chưa tiếp nhận hồ sơ nào của số định danh ${input.idNumber}: nhập thông tin người nộp lần đầu.`);
    }
    return { applicant: row.applicant, lastDossierCode: row.code, lastReceivedAt: new Date(row.received_at).toISOString() };
  }
}
