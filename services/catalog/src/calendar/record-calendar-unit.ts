import { Injectable } from '@nestjs/common';
import type { EventDefinition, EventEnvelope, UnitKind } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const CALENDAR_UNITS_CONSUMER = 'catalog.calendar-units';

interface UnitEventData {
  code: string;
  name: string;
  kind: UnitKind;
  path: string;
  validTo: string | null;
}

/**
 * Keeps the catalog's copy of the unit tree, which the calendar needs to know
 * a unit exists and where it sits (to authorise its admins). A redelivered
 * event changes nothing; an older event handled after a newer one (created and
 * changed arrive through separate consumers) does not overwrite it.
 */
@Injectable()
export class RecordCalendarUnit {
  constructor(private readonly inbox: Inbox) {}

  async execute(definition: EventDefinition<UnitEventData>, event: EventEnvelope): Promise<boolean> {
    const unit = definition.schema.parse(event.data);
    return this.inbox.handleOnce(CALENDAR_UNITS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO calendar_units (code, name, kind, path, valid_to, source_event_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (code) DO UPDATE
           SET name = EXCLUDED.name, kind = EXCLUDED.kind, path = EXCLUDED.path, valid_to = EXCLUDED.valid_to,
               source_event_at = EXCLUDED.source_event_at
           WHERE calendar_units.source_event_at <= EXCLUDED.source_event_at`,
        [unit.code, unit.name, unit.kind, unit.path, unit.validTo, event.occurredAt],
      );
    });
  }
}
