import { DataSource } from 'typeorm';
import { dossierHandedOverV1, type EventEnvelope } from '@mc/contracts';
import { waitFor } from '@mc/local-infra';
import { dossierEvent, startNotifications } from './support';

const handedOver = (step: { key: string; name?: string }): EventEnvelope =>
  dossierEvent(dossierHandedOverV1, {
    state: 'in_progress',
    step: step.key,
    dueAt: '2026-12-10T10:00:00.000Z',
    fromStep: 'tiep-nhan',
    toStep: step.key,
    ...(step.name ? { toStepName: step.name } : {}),
    verdict: 'on_time',
  });

/** The clerk reads the step a dossier came to by its name, not by the workflow's key. */
describe('staff notice of a hand-over', () => {
  let platform: Awaited<ReturnType<typeof startNotifications>>;
  let dataSource: DataSource;

  beforeAll(async () => {
    platform = await startNotifications();
    dataSource = (await platform.start()).dataSource;
  }, 120_000);

  afterAll(() => platform?.close());

  const noticeOf = async (event: EventEnvelope) => {
    await platform.publish(dossierHandedOverV1.subject, event);
    return waitFor('the staff notice of the hand-over', async () => {
      const rows = (await dataSource.query('SELECT kind, unit_code, text FROM staff_notices WHERE event_id = $1', [event.id])) as Record<string, string>[];
      return rows[0];
    });
  };

  it('names the step the dossier came to', async () => {
    const event = handedOver({ key: 'tham-dinh', name: 'Thẩm định hồ sơ' });
    const code = (event.data as { code: string }).code;
    expect(await noticeOf(event)).toEqual({
      kind: 'new_in_queue',
      unit_code: '05983',
      text: `Hồ sơ ${code} được chuyển đến bước "Thẩm định hồ sơ", hẹn trả 10/12/2026.`,
    });
  });

  it('still reads an event written before events carried the step name', async () => {
    const event = handedOver({ key: 'tham-dinh' });
    expect((await noticeOf(event)).text).toContain('được chuyển đến bước "tham-dinh"');
  });
});
