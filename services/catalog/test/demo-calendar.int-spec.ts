import path from 'node:path';
import { calendarRequestSchema, dueDateRequestSchema, parseInput } from '@mc/contracts';
import { repoRoot } from '@mc/local-infra';
import { ComputeDueDate } from '../src/calendar/compute-due-date';
import { GetCalendar } from '../src/calendar/get-calendar';
import { LoadDemoCalendar } from '../src/calendar/load-demo-calendar';
import { clerk, startCatalog, type TestCatalog } from './support';

const DEMO_CALENDAR_FILE = path.join(repoRoot(), 'infra/demo/calendar.json');

describe('the demo calendar', () => {
  let catalog: TestCatalog;
  const calendar = (year: number) => catalog.service.app.get(GetCalendar).execute(parseInput(calendarRequestSchema, { year }));
  const holidays = async (year: number) =>
    (await calendar(year)).nonWorkingDays.filter((day) => day.kind === 'holiday').map((day) => `${day.display} ${day.name}`);

  beforeAll(async () => {
    catalog = await startCatalog({ DEMO_CALENDAR_FILE });
  });
  afterAll(() => catalog?.close());

  it('has the days off of 2026 as the Government announced them', async () => {
    expect(await calendar(2026)).toMatchObject({ daysAnnounced: true, daysProposed: false });
    const days = await holidays(2026);
    for (const date of ['01/01', '14/02', '15/02', '16/02', '17/02', '18/02', '19/02', '20/02', '21/02', '22/02', '27/04', '30/04', '01/05', '01/09', '02/09']) {
      expect(days).toContainEqual(expect.stringMatching(new RegExp(`^${date}/2026 `)));
    }
    expect(days).toContainEqual('27/04/2026 Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)');
  });

  it('has 2027 from the proposal, marked as proposed and still warned about', async () => {
    expect(await calendar(2027)).toMatchObject({ daysAnnounced: false, daysProposed: true });
    expect(await holidays(2027)).toContainEqual('06/02/2027 Tết Nguyên đán (mùng 1)');
    const due = await catalog.service.app
      .get(ComputeDueDate)
      .execute(parseInput(dueDateRequestSchema, { receivedAt: '2027-02-04T10:00:00+07:00', duration: { value: 1, unit: 'working_days' } }), clerk);
    expect(due).toMatchObject({ dueAtDisplay: '17:00 12/02/2027', unannouncedYears: [2027], warning: expect.stringContaining('năm 2027') });
  });

  it('skips Tết 2026 in a due date, without a warning', async () => {
    const due = await catalog.service.app
      .get(ComputeDueDate)
      .execute(parseInput(dueDateRequestSchema, { receivedAt: '2026-02-13T10:00:00+07:00', duration: { value: 3, unit: 'working_days' } }), clerk);
    expect(due).toMatchObject({ dueAtDisplay: '17:00 25/02/2026', unannouncedYears: [], warning: null });
  });

  it('leaves a year alone once its days are in, so a restart keeps what an admin saved', async () => {
    expect(await catalog.service.app.get(LoadDemoCalendar).execute(DEMO_CALENDAR_FILE)).toBe(0);
  });
});
