import { Injectable } from '@nestjs/common';
import { procedurePublishedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const PROCEDURES_CONSUMER = 'dossier.procedures';

/**
 * Keeps a published procedure version, as the catalog published it, for the
 * receipts that fall in its time. A version is immutable once published, so a
 * redelivery or a late publication only fills in what is missing; a
 * withdrawal handled first is kept.
 */
@Injectable()
export class RecordProcedureVersion {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<boolean> {
    const published = procedurePublishedV1.schema.parse(event.data);
    return this.inbox.handleOnce(PROCEDURES_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO known_procedure_versions (code, version, content, effective_from, published_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (code, version) DO UPDATE SET content = EXCLUDED.content, published_at = EXCLUDED.published_at`,
        [published.code, published.version, JSON.stringify(published.content), published.content.effectiveFrom, published.publishedAt],
      );
    });
  }
}
