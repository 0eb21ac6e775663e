import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, type CitizenVerificationView, type CitizenVerifyInput } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { CitizenProofs } from './citizen-proofs';

/**
 * A clerk of any one-stop counter in the province checks the citizen's
 * document in person and vouches for the ID number: recorded with the clerk,
 * the document seen and the time, and audited. The account is opened here
 * when the citizen has none.
 */
@Injectable()
export class VerifyCitizenAtCounter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly proofs: CitizenProofs,
  ) {}

  async execute(input: CitizenVerifyInput, principal: Principal): Promise<CitizenVerificationView> {
    if (!isAllowed(principal, 'citizen.verify', {})) {
      throw new AppError('FORBIDDEN', 'Chỉ cán bộ tiếp nhận của Bộ phận Một cửa được xác minh số định danh của công dân.');
    }
    return this.dataSource.transaction((manager) =>
      this.proofs.record(manager, {
        idNumber: input.idNumber,
        fullName: input.fullName,
        phone: input.phone,
        method: 'counter',
        verifiedBy: principal.username,
        document: input.document,
        actor: principal.username,
      }),
    );
  }
}
