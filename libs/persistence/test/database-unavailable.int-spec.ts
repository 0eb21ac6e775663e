import { Client } from 'pg';
import { createTestDatabase, freePort, type TestDatabase } from '@mc/local-infra';
import { isDatabaseUnavailable } from '../src';

describe('recognising a database that cannot be reached', () => {
  let database: TestDatabase;
  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database?.drop());

  it('tells a refused or ended connection from a statement the database refused', async () => {
    const port = await freePort();
    const refused = await new Client({ host: '127.0.0.1', port, user: 'postgres' }).connect().catch((error: unknown) => error);
    expect(isDatabaseUnavailable(refused)).toBe(true);

    const client = new Client({ connectionString: database.url });
    await client.connect();
    client.on('error', () => undefined);
    try {
      const wrong = await client.query('SELECT * FROM no_such_table').catch((error: unknown) => error);
      expect(isDatabaseUnavailable(wrong)).toBe(false);
      const ended = await client.query('SELECT pg_terminate_backend(pg_backend_pid())').catch((error: unknown) => error);
      expect(isDatabaseUnavailable(ended)).toBe(true);
      expect(isDatabaseUnavailable(new Error('wrapped', { cause: ended }))).toBe(true);
    } finally {
      await client.end().catch(() => undefined);
    }
  });
});
