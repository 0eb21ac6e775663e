import { Injectable } from '@nestjs/common';
import { adoptionChangedV1, procedurePublishedV1, procedureWithdrawnV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';
import { carriesFee } from '../read-models/procedure-facts';

export const PROCEDURE_VERSIONS_CONSUMER = 'reporting.procedure-versions';
export const PROCEDURE_ADOPTIONS_CONSUMER = 'reporting.procedure-adoptions';

/**
 * Keeps the reporting copy of the catalog. Publication and withdrawal of a
 * version touch different columns of its row, so either may be handled first;
 * an adoption keeps the newest change (by the instant it was made). A
 * redelivered event changes nothing.
 */
@Injectable()
export class RecordProcedureEvent {
  constructor(private readonly inbox: Inbox) {}

  async published(event: EventEnvelope): Promise<boolean> {
    const data = procedurePublishedV1.schema.parse(event.data);
    const { content } = data;
    return this.inbox.handleOnce(PROCEDURE_VERSIONS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO procedure_versions (code, version, name, field_code, has_fee, online, effective_from, published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (code, version) DO UPDATE
           SET name = EXCLUDED.name, field_code = EXCLUDED.field_code, has_fee = EXCLUDED.has_fee,
               online = EXCLUDED.online, effective_from = EXCLUDED.effective_from, published_at = EXCLUDED.published_at`,
        [data.code, data.version, content.name, content.field, carriesFee(content.fees), content.channels.online, content.effectiveFrom, data.publishedAt],
      );
    });
  }

  async withdrawn(event: EventEnvelope): Promise<boolean> {
    const data = procedureWithdrawnV1.schema.parse(event.data);
    return this.inbox.handleOnce(PROCEDURE_VERSIONS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO procedure_versions (code, version, effective_from, withdrawn_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code, version) DO UPDATE SET withdrawn_at = EXCLUDED.withdrawn_at`,
        [data.code, data.version, data.effectiveFrom, data.withdrawnAt],
      );
    });
  }

  async adoptionChanged(event: EventEnvelope): Promise<boolean> {
    const data = adoptionChangedV1.schema.parse(event.data);
    return this.inbox.handleOnce(PROCEDURE_ADOPTIONS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO procedure_adoptions (unit_code, procedure_code, active, online, source_event_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (unit_code, procedure_code) DO UPDATE
           SET active = EXCLUDED.active, online = EXCLUDED.online, source_event_at = EXCLUDED.source_event_at
           WHERE procedure_adoptions.source_event_at <= EXCLUDED.source_event_at`,
        [data.unitCode, data.code, data.active, data.channels.online ?? null, data.changedAt],
      );
    });
  }
}
