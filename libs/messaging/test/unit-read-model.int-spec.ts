import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { unitChangedV1, unitCreatedV1, type EventEnvelope } from '@mc/contracts';
import { createTestDatabase, type TestDatabase } from '@mc/local-infra';
import { createServiceDataSource, runMigrations } from '@mc/persistence';
import { CreateOutboxAndInbox1763800000000, Inbox } from '../src';
import type { UnitEventData, UnitTable } from '../src/unit-read-model';
import { RecordUnit } from '../src/unit-read-model/record-unit';

/** A service's copy of the unit tree, kept as postal keeps it (the field an event may omit included). */
const KEPT: UnitTable = {
  table: 'kept_units',
  inboxConsumer: 'probe.units',
  columns: {
    name: (unit) => unit.name,
    parent_code: (unit) => unit.parentCode,
    formed_from: (unit) => unit.formedFrom,
  },
};

describe('a service’s copy of the unit tree', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let recordUnit: RecordUnit;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: 'probe', entities: [], migrations: [CreateOutboxAndInbox1763800000000] });
    await dataSource.initialize();
    await runMigrations(dataSource, 'probe');
    await dataSource.query(
      `CREATE TABLE kept_units (code text PRIMARY KEY, name text NOT NULL, parent_code text, formed_from text[] NOT NULL DEFAULT '{}', source_event_at timestamptz NOT NULL)`,
    );
    recordUnit = new RecordUnit(KEPT, dataSource, new Inbox(dataSource));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const event = (occurredAt: string, unit: Partial<UnitEventData> & { code: string }, type = unitChangedV1.type): EventEnvelope => ({
    id: randomUUID(),
    type,
    version: 1,
    source: 'identity',
    occurredAt,
    data: { name: 'Xã Mới', kind: 'commune', parentCode: '001', path: '/01/001/', validFrom: null, validTo: null, ...unit },
  });
  const row = async (code: string) => (await dataSource.query(`SELECT name, parent_code, formed_from FROM kept_units WHERE code = $1`, [code]))[0];

  it('keeps the newer of two events, whichever is handled last', async () => {
    await recordUnit.execute(event('2026-07-01T08:00:00+07:00', { code: '10001', name: 'Xã Tân Hòa' }, unitCreatedV1.type));
    await recordUnit.execute(event('2026-07-03T08:00:00+07:00', { code: '10001', name: 'Xã Tân Hòa Mới', parentCode: '002' }));
    await recordUnit.execute(event('2026-07-02T08:00:00+07:00', { code: '10001', name: 'Xã Tân Hòa Cũ' }));
    expect(await row('10001')).toEqual({ name: 'Xã Tân Hòa Mới', parent_code: '002', formed_from: [] });
  });

  it('leaves the units a unit was formed from as they were when an event does not carry them', async () => {
    await recordUnit.execute(event('2026-07-01T08:00:00+07:00', { code: '10002', name: 'Xã Hòa Bình', formedFrom: ['09001', '09002'] }, unitCreatedV1.type));
    await recordUnit.execute(event('2026-07-04T08:00:00+07:00', { code: '10002', name: 'Xã Hòa Bình Mới' }));
    expect(await row('10002')).toEqual({ name: 'Xã Hòa Bình Mới', parent_code: '001', formed_from: ['09001', '09002'] });
  });

  it('records each event in the inbox once, so a redelivered one changes nothing', async () => {
    const created = event('2026-07-01T08:00:00+07:00', { code: '10003', name: 'Xã An Phú' }, unitCreatedV1.type);
    await recordUnit.execute(created);
    await dataSource.query(`UPDATE kept_units SET name = 'Xã An Phú (đã sửa)' WHERE code = '10003'`);
    await recordUnit.execute(created);
    expect((await row('10003')).name).toBe('Xã An Phú (đã sửa)');
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE consumer = 'probe.units' AND event_id = $1`, [created.id])).toEqual([{ n: 1 }]);
  });

  it('without an inbox, writes a redelivered event again', async () => {
    const uncounted = new RecordUnit({ ...KEPT, inboxConsumer: undefined }, dataSource, new Inbox(dataSource));
    const created = event('2026-07-01T08:00:00+07:00', { code: '10004', name: 'Xã Bình An' }, unitCreatedV1.type);
    await uncounted.execute(created);
    await dataSource.query(`UPDATE kept_units SET name = 'Xã Bình An (đã sửa)' WHERE code = '10004'`);
    await uncounted.execute(created);
    expect((await row('10004')).name).toBe('Xã Bình An');
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM inbox WHERE event_id = $1`, [created.id])).toEqual([{ n: 0 }]);
  });
});
