import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import {
  dossierApologisedV1,
  dossierResultIssuedV1,
  dossierReturnedV1,
  dossierStoppedV1,
  dossierSupplementReceivedV1,
  dossierSupplementRequestedV1,
  postalOrderStatusChangedV1,
  type EventEnvelope,
} from '@mc/contracts';
import { NotifyDossierEvent } from './notify-dossier-event';

/** A dossier's later events; its receipts are read in batches by the ReceiptConsumer. */
@Controller()
export class DossierEventHandlers {
  constructor(private readonly notify: NotifyDossierEvent) {}

  @EventPattern(dossierSupplementRequestedV1.subject)
  async onSupplementRequested(@Payload() event: EventEnvelope) {
    await this.notify.execute(event);
  }

  @EventPattern(dossierSupplementReceivedV1.subject)
  async onSupplementReceived(@Payload() event: EventEnvelope) {
    await this.notify.execute(event);
  }

  @EventPattern(dossierResultIssuedV1.subject)
  async onResultIssued(@Payload() event: EventEnvelope) {
    await this.notify.execute(event);
  }

  @EventPattern(dossierReturnedV1.subject)
  async onReturned(@Payload() event: EventEnvelope) {
    await this.notify.execute(event);
  }

  @EventPattern(dossierApologisedV1.subject)
  async onApologised(@Payload() event: EventEnvelope) {
    await this.notify.execute(event);
  }

  @EventPattern(dossierStoppedV1.subject)
  async onStopped(@Payload() event: EventEnvelope) {
    await this.notify.execute(event);
  }

  @EventPattern(postalOrderStatusChangedV1.subject)
  async onPostalStatus(@Payload() event: EventEnvelope) {
    await this.notify.execute(event);
  }
}
