import type { DataSource } from 'typeorm';
import { QueryFailedError } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@mc/local-infra';
import { createServiceDataSource, queryPrepared } from '../src';

describe('a statement prepared once per connection', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const insert = 'INSERT INTO things (code) VALUES ($1) RETURNING *';

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createServiceDataSource({ url: database.url, schema: 'things', entities: [], migrations: [], poolSize: 1 });
    await dataSource.initialize();
    await dataSource.query('CREATE SCHEMA things');
    await dataSource.query('CREATE TABLE things (n serial PRIMARY KEY, code text UNIQUE)');
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const preparedOnServer = async (text: string): Promise<number> => {
    const [{ count }] = await dataSource.query('SELECT count(*)::int AS count FROM pg_prepared_statements WHERE statement = $1', [text]);
    return count;
  };

  it('is parsed once on the connection and answers like manager.query', async () => {
    expect(await queryPrepared(dataSource.manager, insert, ['A'])).toEqual([{ n: 1, code: 'A' }]);
    expect(await queryPrepared(dataSource.manager, insert, ['B'])).toEqual([{ n: 2, code: 'B' }]);
    // One pooled connection: the text was prepared there once, under one name.
    expect(await preparedOnServer(insert)).toBe(1);
  });

  it('runs inside the caller’s transaction, which a failure rolls back whole', async () => {
    const failed = await dataSource
      .transaction(async (manager) => {
        await queryPrepared(manager, insert, ['C']);
        await queryPrepared(manager, insert, ['A']);
      })
      .catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(QueryFailedError);
    expect((failed as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23505');
    expect(await dataSource.query('SELECT code FROM things ORDER BY n')).toEqual([{ code: 'A' }, { code: 'B' }]);
  });

  it('keeps working when a column is added under its RETURNING * (another replica’s migration)', async () => {
    await queryPrepared(dataSource.manager, insert, ['D']);
    await dataSource.query('ALTER TABLE things ADD COLUMN note text');
    const [row] = await queryPrepared(dataSource.manager, insert, ['E']);
    expect(row).toEqual({ n: expect.any(Number), code: 'E', note: null });
  });
});
