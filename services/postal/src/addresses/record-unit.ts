import { Injectable } from '@nestjs/common';
import { unitCreatedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const UNITS_CONSUMER = 'postal.units';

/**
 * The postal service's copy of the unit tree, for checking and mapping
 * addresses; an older event handled after a newer one does not overwrite it.
 */
@Injectable()
export class RecordUnit {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<void> {
    const unit = unitCreatedV1.schema.parse(event.data);
    await this.inbox.handleOnce(UNITS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO known_units (code, name, kind, parent_code, valid_to, formed_from, source_event_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, parent_code = EXCLUDED.parent_code, valid_to = EXCLUDED.valid_to,
           formed_from = CASE WHEN $8 THEN EXCLUDED.formed_from ELSE known_units.formed_from END, source_event_at = EXCLUDED.source_event_at
           WHERE known_units.source_event_at <= EXCLUDED.source_event_at`,
        [unit.code, unit.name, unit.kind, unit.parentCode, unit.validTo, unit.formedFrom ?? [], event.occurredAt, unit.formedFrom !== undefined],
      );
    });
  }
}
