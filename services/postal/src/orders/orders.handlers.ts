import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, MessagePattern, Payload } from '@nestjs/microservices';
import {
  createPostalOrderRequestSchema,
  dossierPostalOrderReceivedV1,
  dossierPostalReturnRequestedV1,
  parseInput,
  PostalSubjects,
  postalOrderRefSchema,
  type EventEnvelope,
} from '@mc/contracts';
import type { BusContext } from '@mc/messaging';
import { CreatePostalOrder } from './create-postal-order';
import { GetPostalOrder } from './get-postal-order';
import { LinkReceivedDossier } from './link-received-dossier';
import { OpenReturnOrder } from './open-return-order';

@Controller()
export class OrderHandlers {
  constructor(
    private readonly createOrder: CreatePostalOrder,
    private readonly getOrder: GetPostalOrder,
    private readonly linkReceived: LinkReceivedDossier,
    private readonly openReturn: OpenReturnOrder,
  ) {}

  @MessagePattern(PostalSubjects.createOrder)
  create(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.createOrder.execute(parseInput(createPostalOrderRequestSchema, payload), context.requirePrincipal());
  }

  @MessagePattern(PostalSubjects.getOrder)
  get(@Payload() payload: unknown, @Ctx() context: BusContext) {
    return this.getOrder.execute(parseInput(postalOrderRefSchema, payload).orderId, context.requirePrincipal());
  }

  @EventPattern(dossierPostalOrderReceivedV1.subject)
  async onPostalOrderReceived(@Payload() event: EventEnvelope) {
    await this.linkReceived.execute(event.id, dossierPostalOrderReceivedV1.schema.parse(event.data));
  }

  @EventPattern(dossierPostalReturnRequestedV1.subject)
  async onReturnRequested(@Payload() event: EventEnvelope) {
    await this.openReturn.execute(event);
  }
}
