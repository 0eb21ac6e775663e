import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern } from '@nestjs/microservices';
import { IdentitySubjects } from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { RotateSigningKey } from './rotate-signing-key';

@Controller()
export class SigningKeyHandlers {
  constructor(private readonly rotateSigningKey: RotateSigningKey) {}

  @MessagePattern(IdentitySubjects.signingKeyRotate)
  rotate(@Ctx() context: BusContext) {
    return this.rotateSigningKey.execute(context.requirePrincipal());
  }
}
