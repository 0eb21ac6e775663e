import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { unitCreatedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '../inbox';
import { UNIT_TABLE, type UnitEventData, type UnitTable } from './unit-table';

/**
 * Keeps the service's copy of a unit from identity's created and changed
 * events. They come through separate consumers, so an older event may be
 * handled after a newer one: it does not overwrite it.
 */
@Injectable()
export class RecordUnit {
  constructor(
    @Inject(UNIT_TABLE) private readonly units: UnitTable,
    private readonly dataSource: DataSource,
    private readonly inbox: Inbox,
  ) {}

  async execute(event: EventEnvelope): Promise<void> {
    // Created and changed carry the same data.
    const unit = unitCreatedV1.schema.parse(event.data);
    const { inboxConsumer } = this.units;
    if (inboxConsumer === undefined) await this.write(this.dataSource.manager, unit, event.occurredAt);
    else await this.inbox.handleOnce(inboxConsumer, event.id, (manager) => this.write(manager, unit, event.occurredAt));
  }

  private async write(manager: EntityManager, unit: UnitEventData, occurredAt: string): Promise<void> {
    const { table, columns } = this.units;
    const kept = Object.entries(columns)
      .map(([column, value]) => [column, value(unit)] as const)
      .filter(([, value]) => value !== undefined);
    const names = ['code', ...kept.map(([column]) => column), 'source_event_at'];
    const values = [unit.code, ...kept.map(([, value]) => value), occurredAt];
    await manager.query(
      `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map((_, index) => `$${index + 1}`).join(', ')})
       ON CONFLICT (code) DO UPDATE SET ${names.slice(1).map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
         WHERE ${table}.source_event_at <= EXCLUDED.source_event_at`,
      values,
    );
  }
}
