import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { unitCreatedV1, type EventEnvelope } from '@mc/contracts';

/** Unit names from identity's events, to tell a citizen where to go; an older event handled late does not overwrite a newer name. */
@Injectable()
export class RecordUnit {
  constructor(private readonly dataSource: DataSource) {}

  async execute(event: EventEnvelope): Promise<void> {
    const unit = unitCreatedV1.schema.parse(event.data);
    await this.dataSource.query(
      `INSERT INTO known_units (code, name, source_event_at) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, source_event_at = EXCLUDED.source_event_at WHERE known_units.source_event_at <= EXCLUDED.source_event_at`,
      [unit.code, unit.name, event.occurredAt],
    );
  }
}
