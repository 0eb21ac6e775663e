import { DataSource, type QueryRunner } from 'typeorm';
import { waitFor } from '@mc/local-infra';
import { accepted, counterSubmission, receiveDossier, startDossier, type TestDossierService } from './support';

const UNIT = '05983';
const FAILING_NAME = 'Trần Thị Lỗi';

/**
 * Receipts that arrive while others commit are committed together. The unit's
 * counter row is held by the test so that they pile up into one batch.
 */
describe('receipts committed together', () => {
  let running: TestDossierService;
  let dataSource: DataSource;

  beforeAll(async () => {
    running = await startDossier();
    running.clock.set('2026-04-14T08:00:00+07:00');
    dataSource = running.service.app.get(DataSource);
    // A receipt the database refuses after it was checked: what a failing statement in a batch looks like.
    await dataSource.query(`
      CREATE FUNCTION refuse_marked_applicant() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.applicant->>'fullName' = '${FAILING_NAME}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$`);
    await dataSource.query('CREATE TRIGGER refuse_marked_applicant BEFORE INSERT ON dossiers FOR EACH ROW EXECUTE FUNCTION refuse_marked_applicant()');
    // The unit's counter row for the day exists from here on, for the test to hold.
    accepted(await receiveDossier(running, counterSubmission()));
  });
  afterAll(() => running?.close());

  /** Holds the unit's counter row, runs the receipts until every one waits behind it, then lets go. */
  const whileCounterHeld = async <T>(receipts: (() => Promise<T>)[]) => {
    const holder: QueryRunner = dataSource.createQueryRunner();
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT last FROM daily_counters WHERE unit_code = $1 FOR UPDATE', [UNIT]);
    const answered: boolean[] = receipts.map(() => false);
    const visibleWhenAnswered: boolean[] = receipts.map(() => false);
    const settled = Promise.allSettled(
      receipts.map(async (receive, index) => {
        const result = await receive();
        answered[index] = true;
        // Read on another connection the moment the answer comes: it can only see what was committed.
        const dossierId = (result as { dossier: { id: string } }).dossier.id;
        visibleWhenAnswered[index] = (await dataSource.query('SELECT 1 FROM dossiers WHERE id = $1', [dossierId])).length === 1;
        return result;
      }),
    );
    // Two batches in flight wait on the row; the rest queue behind them in this process.
    await waitFor('receipts waiting on the counter row', async () => {
      const [{ waiting }] = await dataSource.query(
        `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      return waiting >= 2;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(answered.some(Boolean)).toBe(false);
    await holder.query('ROLLBACK');
    await holder.release();
    return { outcomes: await settled, visibleWhenAnswered };
  };

  const numbers = async () => {
    const rows: { code: string; batch: string; fullName: string }[] = await dataSource.query(
      "SELECT code, xmin::text AS batch, applicant->>'fullName' AS \"fullName\" FROM dossiers WHERE receiving_unit_code = $1 ORDER BY code",
      [UNIT],
    );
    const [{ last }] = await dataSource.query('SELECT last FROM daily_counters WHERE unit_code = $1', [UNIT]);
    return { rows, last: last as number, serials: rows.map((row) => Number(row.code.slice(-4))) };
  };

  it('answers each receipt only after the commit that holds it, with its own number, in the order the batch ran them', async () => {
    const before = (await numbers()).rows.length;
    const { outcomes, visibleWhenAnswered } = await whileCounterHeld(
      Array.from({ length: 6 }, (_, index) => () => receiveDossier(running, counterSubmission({ applicant: { kind: 'individual', fullName: `Người nộp ${index}`, idNumber: '020095001234' } }))),
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(Array(6).fill('fulfilled'));
    expect(visibleWhenAnswered).toEqual(Array(6).fill(true));

    const { rows, last, serials } = await numbers();
    expect(rows).toHaveLength(before + 6);
    // Gapless: the numbers run from 1 to the counter, each once.
    expect(serials).toEqual(Array.from({ length: last }, (_, index) => index + 1));
    // Some were committed together (one transaction id), and within that commit their numbers follow one another.
    const batches = new Map<string, number[]>();
    for (const [index, row] of rows.slice(before).entries()) batches.set(row.batch, [...(batches.get(row.batch) ?? []), serials[before + index]!]);
    const largest = [...batches.values()].sort((a, b) => b.length - a.length)[0]!;
    expect(largest.length).toBeGreaterThan(1);
    expect(largest).toEqual(Array.from({ length: largest.length }, (_, index) => largest[0]! + index));
  });

  it('fails a receipt the database refuses on its own, and it takes no number', async () => {
    const before = await numbers();
    const names = ['Người thứ nhất', 'Người thứ hai', 'Người thứ ba', FAILING_NAME, 'Người thứ năm', 'Người thứ sáu'];
    const { outcomes } = await whileCounterHeld(names.map((fullName) => () => receiveDossier(running, counterSubmission({ applicant: { kind: 'individual', fullName, idNumber: '020095001234' } }))));

    expect(outcomes.map((outcome) => outcome.status)).toEqual(names.map((name) => (name === FAILING_NAME ? 'rejected' : 'fulfilled')));
    const after = await numbers();
    expect(after.rows.map((row) => row.fullName).sort()).toEqual([...before.rows.map((row) => row.fullName), ...names.filter((name) => name !== FAILING_NAME)].sort());
    expect(after.last).toBe(before.last + 5);
    expect(after.serials).toEqual(Array.from({ length: after.last }, (_, index) => index + 1));
    // Nothing of the refused receipt either: every history entry and event belongs to a dossier.
    const [{ orphans }] = await dataSource.query(
      `SELECT (SELECT count(*) FROM dossier_history h WHERE NOT EXISTS (SELECT FROM dossiers d WHERE d.id = h.dossier_id))::int AS orphans`,
    );
    expect(orphans).toBe(0);
  });
});
