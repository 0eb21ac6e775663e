import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { deliveryReportRequestSchema, NotificationSubjects, parseInput } from '@mc/contracts';
import { RecordDeliveryReport } from './record-delivery-report';

/** No user token: the provider's callback token is the credential. */
@Controller()
export class DeliveryHandlers {
  constructor(private readonly recordReport: RecordDeliveryReport) {}

  @MessagePattern(NotificationSubjects.deliveryReport)
  report(@Payload() payload: unknown) {
    const { token, report } = parseInput(deliveryReportRequestSchema, payload);
    return this.recordReport.execute(token, report);
  }
}
