/**
 * `npm run faults:outage`: chosen consumers (by default the reporting and
 * notifications services) stopped for LOAD_OUTAGE_SECONDS under a steady
 * modest load of submissions whose applicants ask to be told by SMS, Zalo and
 * e-mail, then started again; a recorded run, not a CI test.
 *
 * On the private platform of `npm run faults`. It proves afterwards: every
 * submission answered 2xx is there once, the reporting projection equals the
 * dossiers (reconcile.ts); every message the events call for reached its
 * provider's simulator once per event and channel (notification-ledger.ts);
 * and how long the consumers took to catch up. Every LOAD_SCRAPE_SECONDS it
 * reads each service's operations listener (/readyz, /metrics) as Prometheus
 * would, and keeps the readings in result.json.
 *
 * Variables: LOAD_OUTAGE_SERVICES (reporting,notifications), LOAD_OUTAGE_SECONDS
 * (60), LOAD_OUTAGE_RATE (10 submissions/s), LOAD_SCRAPE_SECONDS (30),
 * LOAD_CATCH_UP_SECONDS (bound on the catch-up, 600), LOAD_PLANT_SECONDS (0: after
 * the checks, plant a stuck outbox and a dead letter and read the metrics
 * for that long; planted-faults.ts).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SERVICE_NAMES } from '@mc/contracts';
import { consumersOf, measureRecovery, waitForCatchUp } from './fault-recovery';
import { describeScrape, scrapeAll, type Scrape } from './metrics-scrape';
import { notificationLedger, waitForMessagesSent } from './notification-ledger';
import { plantDeadLetter, PLANTED_OUTBOX_SERVICE, plantStuckOutbox } from './planted-faults';
import { runDirectory, say } from './platform';
import { startPrivatePlatform, type PrivatePlatform } from './private-platform';
import { provinceReceivedToday, reconcile } from './reconcile';
import { startSteadyLoad } from './steady-load';

const env = process.env;
const STOPPED = (env.LOAD_OUTAGE_SERVICES ?? 'reporting,notifications').split(',').map((name) => name.trim()).filter(Boolean);
const OUTAGE_SECONDS = Number(env.LOAD_OUTAGE_SECONDS ?? 60);
const RATE = Number(env.LOAD_OUTAGE_RATE ?? 10);
const SCRAPE_SECONDS = Number(env.LOAD_SCRAPE_SECONDS ?? 30);
const CATCH_UP_BOUND_MS = Number(env.LOAD_CATCH_UP_SECONDS ?? 600) * 1000;
const PLANT_SECONDS = Number(env.LOAD_PLANT_SECONDS ?? 0);
const WARM_SECONDS = 20;
const SETTLE_SECONDS = 30;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A stuck outbox and a dead letter planted after the checks, and what the
 * services' metrics say of them every 15 s for LOAD_PLANT_SECONDS: the outbox
 * age the OutboxStuck rule fires on above 120 s held 2 minutes, the dead-letter
 * count DeadLetter fires on above 0.
 */
async function plantAndWatch(databaseUrl: string, natsUrl: string, namespace: string, scrape: () => Promise<Scrape>, label: (phase: string) => void) {
  const plantedAt = Date.now();
  await plantStuckOutbox(databaseUrl);
  await plantDeadLetter(natsUrl, namespace);
  label('planted');
  const readings: { seconds: number; outboxOldestAgeSeconds: number | null; deadLetters: number | null }[] = [];
  while (Date.now() - plantedAt < PLANT_SECONDS * 1000) {
    await sleep(15_000);
    const reading = await scrape();
    const service = reading.services.find((s) => s.service === PLANTED_OUTBOX_SERVICE);
    readings.push({
      seconds: Math.round((Date.now() - plantedAt) / 1000),
      outboxOldestAgeSeconds: service?.outboxOldestAgeSeconds ?? null,
      deadLetters: Math.max(...reading.services.map((s) => s.deadLetters ?? 0)),
    });
  }
  // OutboxStuck: age above 120 s on every reading of the last two minutes; DeadLetter: any reading above 0.
  const lastTwoMinutes = readings.filter((r) => r.seconds >= PLANT_SECONDS - 120);
  const outboxStuckWouldFire = lastTwoMinutes.length > 0 && lastTwoMinutes.every((r) => (r.outboxOldestAgeSeconds ?? 0) > 120);
  const deadLetterWouldFire = readings.some((r) => (r.deadLetters ?? 0) > 0);
  say(`planted: ${PLANTED_OUTBOX_SERVICE} outbox oldest ${readings.at(-1)?.outboxOldestAgeSeconds ?? '—'} s after ${PLANT_SECONDS} s (OutboxStuck ${outboxStuckWouldFire ? 'would fire' : 'would NOT fire'}), dead letters ${readings.at(-1)?.deadLetters ?? '—'} (DeadLetter ${deadLetterWouldFire ? 'would fire' : 'would NOT fire'})`);
  return { service: PLANTED_OUTBOX_SERVICE, readings, outboxStuckWouldFire, deadLetterWouldFire };
}

async function main() {
  for (const name of STOPPED) if (!(SERVICE_NAMES as readonly string[]).includes(name) || name === 'gateway') throw new Error(`LOAD_OUTAGE_SERVICES: ${name} is not a consumer service`);
  const dir = runDirectory('outage');
  let platform: PrivatePlatform | undefined;
  let scraper: NodeJS.Timeout | undefined;
  process.once('SIGINT', () => void platform?.close().then(() => process.exit(130)));
  try {
    say(`results and logs in ${path.relative(process.cwd(), dir)}`);
    platform = await startPrivatePlatform({
      dir,
      // The run is about outages, not the SMS quiet hours (21:00–07:00 in Vietnam), which would hold every SMS of an evening run.
      extraEnv: { SMS_QUIET_FROM: '00:00', SMS_QUIET_UNTIL: '00:00' },
    });
    const { machine, namespace, databaseUrl, natsUrl, baseUrl, tokens, opsPorts } = platform;
    const data = { ...platform.data, notifyApplicants: true };

    // Scrapes through the whole run, labelled with the phase they fell in.
    // A stopped service's listener is gone with it: its durables' lag is what JetStream says (in production, the NATS exporter's figures).
    const scrapes: (Scrape & { stoppedDurables: Record<string, number> })[] = [];
    let phase = 'before';
    const scrape = async () => {
      const [reading, durables] = await Promise.all([scrapeAll(opsPorts, phase), consumersOf(natsUrl, namespace, STOPPED)]);
      const stoppedDurables = Object.fromEntries(durables.map((c) => [c.consumer, c.pending + c.ackPending]));
      scrapes.push({ ...reading, stoppedDurables });
      const behind = Object.values(stoppedDurables).reduce((sum, n) => sum + n, 0);
      say(`${describeScrape(reading)}; JetStream: the stopped services' durables ${behind} behind`);
      return reading;
    };
    scraper = setInterval(() => void scrape(), SCRAPE_SECONDS * 1000);

    say(`steady load: submissions at ${RATE}/s, each applicant asking for SMS, Zalo and e-mail; ${STOPPED.join(' and ')} to be stopped for ${OUTAGE_SECONDS} s`);
    const load = startSteadyLoad({ baseUrl, data, tokens, rate: RATE, maxSeconds: WARM_SECONDS + OUTAGE_SECONDS + CATCH_UP_BOUND_MS / 1000 + 600 });
    await sleep(WARM_SECONDS * 1000);
    await scrape();

    const stoppedAt = Date.now();
    phase = 'outage';
    await Promise.all(STOPPED.map((name) => platform?.stop(name)));
    say(`${STOPPED.join(', ')} stopped at ${new Date(stoppedAt).toISOString()}`);
    await sleep(OUTAGE_SECONDS * 1000);

    const atRestart = await consumersOf(natsUrl, namespace, STOPPED);
    const duringOutage = await scrape();
    const pendingAtRestart = Object.fromEntries(atRestart.map((c) => [c.consumer, c.pending + c.ackPending]));
    const restartedAt = Date.now();
    phase = 'catch-up';
    for (const name of STOPPED) platform.start(name);
    say(`restarted after ${Math.round((restartedAt - stoppedAt) / 1000)} s; pending at restart: ${atRestart.filter((c) => c.pending + c.ackPending > 0).map((c) => `${c.consumer} ${c.pending + c.ackPending}`).join(', ')}`);
    const requests = await measureRecovery(`${STOPPED.join(' and ')} stopped ${OUTAGE_SECONDS} s`, stoppedAt, load.outcomes, load.done);
    const consumersCaughtUpMs = await waitForCatchUp(natsUrl, namespace, STOPPED, atRestart, restartedAt, CATCH_UP_BOUND_MS);
    const messagesSentMs = STOPPED.includes('notifications') ? await waitForMessagesSent(databaseUrl, restartedAt, CATCH_UP_BOUND_MS) : null;
    say(`consumers caught up ${consumersCaughtUpMs ?? '—'} ms after the restart${STOPPED.includes('notifications') ? `; the notifications queued meanwhile sent ${messagesSentMs ?? '—'} ms after it` : ''}`);
    phase = 'after';
    await scrape();
    await sleep(SETTLE_SECONDS * 1000);

    say('stopping the load');
    const loadSummary = await load.stop();
    say(`load: ${loadSummary.responses} responses, ${loadSummary.failed} failed, p50 ${loadSummary.latency.p50} ms, p99 ${loadSummary.latency.p99} ms`);

    say('reconciling (dossier schema, outboxes, JetStream consumers, reporting projection, report API)…');
    const reconciliation = await reconcile({
      databaseUrl,
      natsUrl,
      namespace,
      accepted: load.accepted,
      drainBoundMs: Number(env.LOAD_DRAIN_SECONDS ?? 300) * 1000,
      reportApi: provinceReceivedToday(baseUrl, tokens),
    });
    for (const problem of reconciliation.problems) say(`  reconciliation: ${problem}`);
    const lastSent = await waitForMessagesSent(databaseUrl, Date.now(), 120_000);
    if (lastSent === null) say('  notifications still waiting to be sent two minutes after the load stopped');
    // Delivery reports and the last sends settle before the simulators are counted.
    await sleep(5_000);
    const ledger = await notificationLedger({ databaseUrl, natsUrl, namespace, providers: platform.providers });
    clearInterval(scraper);
    phase = 'end';
    const final = await scrape();
    const planted = PLANT_SECONDS > 0 ? await plantAndWatch(databaseUrl, natsUrl, namespace, scrape, (label) => (phase = label)) : null;
    const ok = reconciliation.ok && ledger.ok && consumersCaughtUpMs !== null;
    say(
      `dossiers: accepted ${reconciliation.acceptedByClient}, stored ${reconciliation.dossiersInDatabase}, missing ${reconciliation.missing.length}, duplicated ${reconciliation.duplicated.length}; reporting facts ${reconciliation.reporting.facts ?? '—'}, daily ${reconciliation.reporting.dailyReceived ?? '—'}; report API ${reconciliation.reportApi?.received ?? '—'}`,
    );
    say(
      `notifications: ${ledger.events} dossier events, ${ledger.eventsToTell} to tell, ${ledger.expected} messages expected; taken by the simulators ${Object.entries(ledger.sentByChannel).map(([channel, n]) => `${channel} ${n}`).join(', ') || 'none'}; missing ${ledger.missing}, doubled ${ledger.doubled}, unasked ${ledger.unexpected}, unknown ids ${ledger.unknownIds}`,
    );
    say(ok ? 'outage run: every check passed' : 'outage run: FAILED');
    writeFileSync(
      path.join(dir, 'result.json'),
      JSON.stringify(
        {
          machine,
          loadAverageAfter: readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' '),
          rate: RATE,
          stopped: STOPPED,
          outageSeconds: OUTAGE_SECONDS,
          stoppedAt: new Date(stoppedAt).toISOString(),
          restartedAt: new Date(restartedAt).toISOString(),
          pendingAtRestart,
          consumersCaughtUpMs,
          messagesSentMs,
          requests,
          load: loadSummary,
          reconciliation,
          notifications: ledger,
          metrics: { duringOutage, final, all: scrapes },
          planted,
          ok,
        },
        null,
        2,
      ),
    );
    say(`written ${path.relative(process.cwd(), path.join(dir, 'result.json'))}`);
    await platform.close();
    process.exit(ok ? 0 : 99);
  } catch (error) {
    if (scraper) clearInterval(scraper);
    say(`failed: ${(error as Error).stack ?? error}`);
    await platform?.close();
    process.exit(1);
  }
}

void main();
