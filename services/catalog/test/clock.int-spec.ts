import {
  createProcedureRequestSchema,
  createVersionRequestSchema,
  parseInput,
  searchProceduresRequestSchema,
  versionInForceRequestSchema,
  type ProcedureVersionView,
} from '@mc/contracts';
import type { Clock } from '@mc/service-runtime';
import { CreateProcedure } from '../src/procedures/create-procedure';
import { CreateDraftVersion } from '../src/procedures/create-draft-version';
import { GetVersionInForce } from '../src/procedures/get-version-in-force';
import { PublishProcedureVersion } from '../src/procedures/publish-procedure-version';
import { SearchProcedures } from '../src/search/search-procedures';
import { provinceAdmin, startCatalog, validProcedure, type TestCatalog } from './support';

/** The catalog reads the time from the clock it is given, so what is in force on a day can be checked by hand. */
describe('the catalog on a set clock', () => {
  const clock: Clock & { current: Date } = {
    current: new Date('2026-02-28T23:59:00+07:00'),
    now() {
      return this.current;
    },
  };
  let catalog: TestCatalog;

  const inForce = async (code: string) =>
    ((await catalog.service.app.get(GetVersionInForce).execute(parseInput(versionInForceRequestSchema, { code }))) as ProcedureVersionView).version;

  beforeAll(async () => {
    catalog = await startCatalog({}, clock);
    const app = catalog.service.app;
    await app.get(CreateProcedure).execute(parseInput(createProcedureRequestSchema, validProcedure('1.200001', { effectiveFrom: '2025-07-01' })), provinceAdmin);
    await app.get(PublishProcedureVersion).execute({ code: '1.200001', version: 1 }, provinceAdmin);
    await app.get(CreateDraftVersion).execute(parseInput(createVersionRequestSchema, { code: '1.200001', changes: { name: 'Đăng ký khai sinh từ tháng 3', effectiveFrom: '2026-03-01' } }), provinceAdmin);
  });

  afterAll(async () => {
    await catalog?.close();
  });

  it('stamps a publication with the clock’s time', async () => {
    const published = await catalog.service.app.get(PublishProcedureVersion).execute({ code: '1.200001', version: 2 }, provinceAdmin);
    expect(new Date(published.publishedAt!).toISOString()).toBe('2026-02-28T16:59:00.000Z');
  });

  it('finds the version in force, and what search shows, on the clock’s Vietnamese day', async () => {
    const searchName = async () => (await catalog.service.app.get(SearchProcedures).execute(parseInput(searchProceduresRequestSchema, { q: 'khai sinh' }))).items[0]?.name;
    clock.current = new Date('2026-02-28T23:59:00+07:00');
    expect(await inForce('1.200001')).toBe(1);
    expect(await searchName()).toBe('Đăng ký khai sinh thử nghiệm');
    // 00:00 on 01/03 in Vietnam is still 28/02 in UTC.
    clock.current = new Date('2026-03-01T00:00:00+07:00');
    expect(await inForce('1.200001')).toBe(2);
    expect(await searchName()).toBe('Đăng ký khai sinh từ tháng 3');
  });
});
