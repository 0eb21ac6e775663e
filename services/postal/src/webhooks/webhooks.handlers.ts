import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { parseInput, PostalSubjects, postalWebhookRequestSchema } from '@mc/contracts';
import { ReceiveOperatorReport } from './receive-operator-report';

/** No token: the operator's signature over the forwarded bytes is the credential. */
@Controller()
export class WebhookHandlers {
  constructor(private readonly receiveReport: ReceiveOperatorReport) {}

  @MessagePattern(PostalSubjects.receiveWebhook)
  receive(@Payload() payload: unknown) {
    return this.receiveReport.execute(parseInput(postalWebhookRequestSchema, payload));
  }
}
