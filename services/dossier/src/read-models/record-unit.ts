import { Injectable } from '@nestjs/common';
import { unitCreatedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const UNITS_CONSUMER = 'dossier.units';

/**
 * Keeps the dossier service's copy of the unit tree: where each unit sits,
 * which decides who sees and handles its dossiers. A redelivered event changes
 * nothing; an older event handled after a newer one (created and changed come
 * through separate consumers) does not overwrite it.
 */
@Injectable()
export class RecordUnit {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<boolean> {
    // Created and changed carry the same data.
    const unit = unitCreatedV1.schema.parse(event.data);
    return this.inbox.handleOnce(UNITS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO known_units (code, path, valid_to, source_event_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO UPDATE SET path = EXCLUDED.path, valid_to = EXCLUDED.valid_to, source_event_at = EXCLUDED.source_event_at
           WHERE known_units.source_event_at <= EXCLUDED.source_event_at`,
        [unit.code, unit.path, unit.validTo, event.occurredAt],
      );
    });
  }
}
