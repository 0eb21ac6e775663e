import { Injectable } from '@nestjs/common';
import { documentDigitisedV1, documentReusedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const DOCUMENT_FACTS_CONSUMER = 'reporting.document-facts';

/**
 * Keeps one row per digitised or reused file, as the documents service
 * announced it. A redelivered event changes nothing; the dossier's unit and
 * receipt day come from the dossier's own facts when the indicators are read,
 * so the order in which the two services' events arrive does not matter.
 */
@Injectable()
export class RecordDocumentEvent {
  constructor(private readonly inbox: Inbox) {}

  digitised(event: EventEnvelope): Promise<boolean> {
    return this.record(event, 'digitised', documentDigitisedV1.schema.parse(event.data));
  }

  reused(event: EventEnvelope): Promise<boolean> {
    return this.record(event, 'reused', documentReusedV1.schema.parse(event.data));
  }

  private record(event: EventEnvelope, kind: 'digitised' | 'reused', data: { documentId: string; dossierCode: string; component: string; at: string }): Promise<boolean> {
    return this.inbox.handleOnce(DOCUMENT_FACTS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO document_facts (document_id, kind, dossier_code, component, recorded_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (document_id, kind) DO NOTHING`,
        [data.documentId, kind, data.dossierCode, data.component, data.at],
      );
    });
  }
}
