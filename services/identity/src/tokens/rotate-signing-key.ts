import { Injectable } from '@nestjs/common';
import { AppError } from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { SigningKeys } from './signing-keys';

/** An operator's key rotation (also run at start when the newest key is too old). */
@Injectable()
export class RotateSigningKey {
  constructor(private readonly keys: SigningKeys) {}

  async execute(principal: Principal): Promise<{ kid: string }> {
    if (!isAllowed(principal, 'signing-key.rotate', {})) {
      throw new AppError('FORBIDDEN', 'Chỉ quản trị viên cấp tỉnh được thay khóa ký.');
    }
    return { kid: await this.keys.rotate() };
  }
}
