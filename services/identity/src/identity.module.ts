import { Module } from '@nestjs/common';
import { LoadDemoAccounts } from './accounts/load-demo-accounts';
import { IssueToken } from './tokens/issue-token';
import { IssuerController } from './tokens/issuer.controller';
import { SigningKeys } from './tokens/signing-keys';

@Module({
  controllers: [IssuerController],
  providers: [IssueToken, SigningKeys, LoadDemoAccounts],
})
export class IdentityModule {}
