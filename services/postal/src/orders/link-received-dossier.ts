import { Injectable } from '@nestjs/common';
import { dossierReceivedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const RECEIVED_CONSUMER = 'postal.dossier-received';

/** A dossier the post brought in is received: its pickup order now names the dossier. */
@Injectable()
export class LinkReceivedDossier {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<void> {
    const received = dossierReceivedV1.schema.parse(event.data);
    if (!received.postalOrderId) return;
    await this.inbox.handleOnce(RECEIVED_CONSUMER, event.id, async (manager) => {
      await manager.query('UPDATE orders SET dossier_id = $2, dossier_code = $3 WHERE id = $1', [received.postalOrderId, received.dossierId, received.code]);
    });
  }
}
