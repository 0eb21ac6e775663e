import { z } from 'zod';
import type { DataSource } from 'typeorm';
import { defineEvent, type EventEnvelope } from '@mc/contracts';
import { createTestDatabase, type TestDatabase } from '@mc/local-infra';
import { createServiceDataSource, runMigrations } from '@mc/persistence';
import { CreateOutboxAndInbox1763800000000, Outbox } from '../src';

const numbered = defineEvent('dossier', 'thing', 'numbered', 1, z.object({ code: z.string().regex(/^T-\d{4}$/), note: z.string() }));

describe('an outbox event written inside a larger statement', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const outbox = new Outbox();

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: 'things', entities: [], migrations: [CreateOutboxAndInbox1763800000000] });
    await dataSource.initialize();
    await runMigrations(dataSource, 'things');
    await dataSource.query('CREATE TABLE things (n serial PRIMARY KEY, code text)');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** One statement numbers a thing and writes its event, whose code is the number the statement took. */
  const numberThing = (note: string) => {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const event = outbox.insertStatement(numbered, { code: 'T-0000', note }, bind, { from: 'thing', fields: { code: 'thing.code' } });
    return dataSource.transaction((manager) =>
      manager.query(
        `WITH thing AS (INSERT INTO things (code) SELECT 'T-' || lpad((coalesce(max(n), 0) + 1)::text, 4, '0') FROM things RETURNING code),
              event AS (${event})
         SELECT code FROM thing`,
        params,
      ),
    );
  };

  it('stores the envelope with the field the statement filled in, and commits with it', async () => {
    const [{ code }] = await numberThing('lần đầu');
    const [row]: { subject: string; envelope: EventEnvelope<{ code: string; note: string }> }[] = await dataSource.query('SELECT subject, envelope FROM outbox');
    expect(code).toBe('T-0001');
    expect(row?.subject).toBe('evt.dossier.thing.numbered');
    expect(row?.envelope).toMatchObject({ type: 'thing.numbered', version: 1, source: 'dossier', data: { code: 'T-0001', note: 'lần đầu' } });
  });

  it('relays a second event of the statement after the one it follows (sibling inserts alone run last named first)', async () => {
    await dataSource.query('DELETE FROM outbox');
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const first = outbox.insertStatement(numbered, { code: 'T-0000', note: 'chung' }, bind, { from: 'thing', fields: { code: 'thing.code' } });
    const second = outbox.insertStatement(numbered, { code: 'T-0000', note: 'riêng' }, bind, { from: 'thing', fields: { code: 'thing.code' }, after: 'first_event' });
    const [{ code }]: { code: string }[] = await dataSource.query(
      `WITH thing AS (INSERT INTO things (code) SELECT 'T-' || lpad((coalesce(max(n), 0) + 1)::text, 4, '0') FROM things RETURNING code),
            first_event AS (${first}),
            second_event AS (${second})
       SELECT code FROM thing`,
      params,
    );
    const rows: { note: string; code: string }[] = await dataSource.query(
      "SELECT envelope->'data'->>'note' AS note, envelope->'data'->>'code' AS code FROM outbox ORDER BY seq",
    );
    expect(rows).toEqual([
      { note: 'chung', code },
      { note: 'riêng', code },
    ]);
  });

  it('checks the data against the event schema before anything is written', async () => {
    const bind = () => '$1';
    expect(() => outbox.insertStatement(numbered, { code: 'X', note: 'sai' }, bind, { from: 'thing' })).toThrow();
  });
});
