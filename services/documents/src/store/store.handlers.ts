import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, Payload } from '@nestjs/microservices';
import {
  applyRetentionRequestSchema,
  DocumentsSubjects,
  listStoreRequestSchema,
  parseInput,
  reuseFromStoreRequestSchema,
  storeVerifiedDocumentRequestSchema,
} from '@mc/contracts';
import { BusHeader, type BusContext } from '@mc/messaging';
import { ApplyRetention } from '../retention/apply-retention';
import { ListCitizenStore } from './list-citizen-store';
import { ReuseFromStore } from './reuse-from-store';
import { StoreVerifiedDocument } from './store-verified-document';

const credentials = (context: BusContext) => ({ [BusHeader.authorization]: context.getHeaders()[BusHeader.authorization] });

@Controller()
export class StoreHandlers {
  constructor(
    private readonly storeVerifiedDocument: StoreVerifiedDocument,
    private readonly listCitizenStore: ListCitizenStore,
    private readonly reuseFromStore: ReuseFromStore,
    private readonly applyRetention: ApplyRetention,
  ) {}

  @MessagePattern(DocumentsSubjects.storeVerified)
  store(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const principal = context.requirePrincipal();
    return this.storeVerifiedDocument.execute(principal, credentials(context), parseInput(storeVerifiedDocumentRequestSchema, payload));
  }

  @MessagePattern(DocumentsSubjects.listStore)
  list(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const principal = context.requirePrincipal();
    return this.listCitizenStore.execute(principal, parseInput(listStoreRequestSchema, payload).idNumber);
  }

  @MessagePattern(DocumentsSubjects.reuseFromStore)
  reuse(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const principal = context.requirePrincipal();
    return this.reuseFromStore.execute(principal, credentials(context), parseInput(reuseFromStoreRequestSchema, payload));
  }

  @MessagePattern(DocumentsSubjects.applyRetention)
  retention(@Payload() payload: unknown, @Ctx() context: BusContext) {
    const principal = context.requirePrincipal();
    return this.applyRetention.execute(principal, parseInput(applyRetentionRequestSchema, payload));
  }
}
