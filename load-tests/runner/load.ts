/**
 * `npm run load`: the peak-hour scenarios of load-tests/scenario/peak-hour.ts
 * (the definition the k6 script uses) applied with autocannon against the
 * platform in production mode, then reconciled and compared with the
 * machine's own database limit (pgbench -N, same Postgres, same duration).
 *
 * By default it starts `node dist/infra/dev/start.js` itself on a fresh
 * database and a BUS_NAMESPACE of its own (machine Postgres and NATS), and
 * drops both afterwards. See load-tests/README.md for the variables.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { deleteNamespaceStreams, dropDatabase, ensureDatabase } from '@mc/local-infra';
import { scenarios, seededRandom, VirtualUserState, type ScenarioName } from '../scenario/peak-hour';
import { runStep, stepsOf, type StepResult } from './drive';
import { cpuBetween, cpuSnapshot, pgbenchN, sampleActivity, summariseProfiles, type CpuScope } from './machine';
import { describeMachine, demoData, provision, runDirectory, say, startPlatform, type PlatformProcess } from './platform';
import { provinceReceivedToday, reconcile } from './reconcile';

const env = process.env;
const SERVER_URL = env.LOAD_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = env.LOAD_NATS_URL ?? 'nats://127.0.0.1:4222';
const WANTED = (env.LOAD_SCENARIOS ?? 'submissions,tracking,peak_hour').split(',').map((name) => name.trim()) as ScenarioName[];
const CPU_PROFILE = env.LOAD_CPU_PROF === '1';

const fmt = (step: StepResult) =>
  `${step.label.padEnd(22)} target ${String(step.targetRate).padStart(5)}/s  got ${String(step.achievedRate).padStart(7)}/s  ` +
  `p50 ${step.latency.p50.toFixed(1).padStart(7)}  p95 ${step.latency.p95.toFixed(1).padStart(7)}  p99 ${step.latency.p99.toFixed(1).padStart(7)}  max ${step.latency.max.toFixed(0).padStart(6)} ms  ` +
  `errors ${step.errors}${step.errorSamples.length ? ` (${step.errorSamples.slice(0, 3).join('; ')})` : ''}`;

async function main() {
  const dir = runDirectory('load');
  const suffix = randomBytes(3).toString('hex');
  const databaseUrl = env.LOAD_DATABASE_URL ?? (() => {
    const url = new URL(SERVER_URL);
    url.pathname = `/mc_load_${suffix}`;
    return url.toString();
  })();
  const namespace = env.LOAD_NAMESPACE ?? `load${suffix}`;
  const ownPlatform = !env.LOAD_BASE_URL;
  const machine = await describeMachine(SERVER_URL);
  say(`commit ${machine.commit}${machine.dirty ? ' (working tree changed)' : ''}, ${machine.cores} × ${machine.cpu}, Node ${machine.node}, PostgreSQL ${machine.postgres}, ${machine.nats}, load average ${machine.loadAverageBefore}`);
  say(`results and logs in ${path.relative(process.cwd(), dir)}`);

  let platform: PlatformProcess | undefined;
  if (ownPlatform) await ensureDatabase(databaseUrl);
  const cleanup = async () => {
    await platform?.stop();
    if (ownPlatform && env.LOAD_KEEP !== '1') {
      await deleteNamespaceStreams(NATS_URL, namespace).catch(() => undefined);
      await dropDatabase(databaseUrl).catch(() => undefined);
    }
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

  try {
    let baseUrl = env.LOAD_BASE_URL ?? '';
    const profileDir = path.join(dir, 'profiles');
    if (ownPlatform) {
      say(`starting the platform (node dist/infra/dev/start.js) on database ${new URL(databaseUrl).pathname.slice(1)}, namespace ${namespace}${CPU_PROFILE ? ', with --cpu-prof' : ''}`);
      const started = Date.now();
      platform = await startPlatform({
        databaseUrl,
        natsUrl: NATS_URL,
        namespace,
        logFile: path.join(dir, 'platform.log'),
        // Node refuses --cpu-prof in NODE_OPTIONS; a preloaded hook does the same through the inspector.
        extraEnv: CPU_PROFILE
          ? { NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --require ${path.join(__dirname, 'cpu-profile-hook.js')}`.trim(), LOAD_CPU_PROF_DIR: profileDir }
          : {},
      });
      baseUrl = platform.baseUrl;
      say(`platform healthy at ${baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }

    const data = demoData();
    const provisionStarted = Date.now();
    const { tokens, stopRefreshing } = await provision(baseUrl, data);
    say(`${Object.keys(tokens).length} real tokens from the issuer (${data.units.length} communes and wards × 4 roles, citizens, the province admin) in ${((Date.now() - provisionStarted) / 1000).toFixed(1)} s`);

    // This run's processes and database only: other people's platforms and tests may run on the same machine and Postgres.
    const scope: CpuScope = { platformPid: platform?.child.pid, database: decodeURIComponent(new URL(databaseUrl).pathname.slice(1)) };
    // What the platform costs doing nothing (pollers, health, timers), to subtract from what the load costs.
    const idleBefore = cpuSnapshot(scope);
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const idle = cpuBetween(idleBefore, cpuSnapshot(scope), 5);
    say(`idle platform, CPU (cores busy) over 5 s: ${idle.map((row) => `${row.group} ${row.cores}`).join(', ')}`);

    const definitions = scenarios(env);
    const state = new VirtualUserState(1, seededRandom(Number(env.LOAD_SEED ?? 20_26)), 20_000, 5_000);
    const accepted = new Map<string, string>();
    const results: Record<string, { steps: StepResult[]; cpu: { group: string; cores: number }[]; verdict: string }> = {};

    for (const name of WANTED) {
      const definition = definitions[name];
      if (!definition) throw new Error(`unknown scenario ${name}`);
      const drive = { baseUrl, definition, data, tokens, state, accepted };
      const seedNeeded = definition.seedDossiers - state.receipts.length;
      if (seedNeeded > 0) {
        say(`seeding ${seedNeeded} dossiers for ${name} (submissions at 100/s, not measured)`);
        const seed = await runStep({ ...drive, definition: definitions.submissions }, 'seed', 100, Math.ceil(seedNeeded / 100), 20);
        say(fmt(seed));
      }
      say(`scenario ${name}: ${definition.description}; thresholds p99 < ${definition.thresholds.p99Ms} ms, error rate ≤ ${definition.thresholds.maxErrorRate}`);
      const steps: StepResult[] = [];
      let cpuBefore = cpuSnapshot(scope);
      let cpuRows: { group: string; cores: number }[] = [];
      for (const step of stepsOf(definition)) {
        if (step.measured) cpuBefore = cpuSnapshot(scope);
        const activity = step.measured ? sampleActivity(databaseUrl) : undefined;
        const result = await runStep(drive, step.label, step.rate, step.seconds, definition.maxVUs);
        if (step.measured) cpuRows = cpuBetween(cpuBefore, cpuSnapshot(scope), step.seconds);
        const waits = await activity?.stop();
        if (waits) result.database = waits;
        steps.push(result);
        say(fmt(result));
        if (step.measured) say(`  CPU (cores busy): ${cpuRows.map((row) => `${row.group} ${row.cores}`).join(', ')}`);
        if (waits) say(`  Postgres connections of this database, average over the step: ${waits.map((row) => `${row.what} ${row.average}`).join(', ') || 'none busy'}`);
        if (step.measured) for (const [kind, summary] of Object.entries(result.byKind)) say(`    ${kind.padEnd(15)} n ${String(summary.count).padStart(6)}  p50 ${summary.p50.toFixed(1)}  p99 ${summary.p99.toFixed(1)} ms  errors ${summary.errors}`);
      }
      const holds = steps.filter((_, index) => stepsOf(definition)[index]?.measured);
      const within = (step: StepResult) => step.latency.p99 < definition.thresholds.p99Ms && step.errors / Math.max(step.requests, 1) <= definition.thresholds.maxErrorRate && step.achievedRate >= step.targetRate * 0.97;
      let verdict: string;
      if (name === 'peak_hour') {
        const sustainable = holds.filter(within).map((step) => step.targetRate);
        verdict = sustainable.length ? `sustainable arrival rate ${Math.max(...sustainable)}/s (highest step within p99 < ${definition.thresholds.p99Ms} ms, no errors, rate kept)` : 'no step within the thresholds';
      } else {
        verdict = holds.every(within) ? 'thresholds met' : 'thresholds crossed';
      }
      say(`scenario ${name}: ${verdict}`);
      results[name] = { steps, cpu: cpuRows, verdict };
    }

    say('reconciling (dossier schema, outboxes, JetStream consumers, reporting projection)…');
    const reconciliation = await reconcile({
      databaseUrl,
      natsUrl: NATS_URL,
      namespace,
      accepted,
      drainBoundMs: Number(env.LOAD_DRAIN_SECONDS ?? 120) * 1000,
      reportApi: provinceReceivedToday(baseUrl, tokens),
    });
    say(
      `accepted (2xx) ${reconciliation.acceptedByClient}, in dossier.dossiers ${reconciliation.dossiersInDatabase}, missing ${reconciliation.missing.length}, duplicated ${reconciliation.duplicated.length}, code series with gaps ${reconciliation.gaps.length}; ` +
        `drained in ${reconciliation.consumersDrainedMs ?? '—'} ms; reporting ${reconciliation.reporting.table ?? '—'} facts ${reconciliation.reporting.facts ?? '—'}, daily ${reconciliation.reporting.dailyReceived ?? '—'}; report API ${reconciliation.reportApi ? `${reconciliation.reportApi.status} received ${reconciliation.reportApi.received ?? '—'}` : '—'}`,
    );
    for (const problem of reconciliation.problems) say(`  reconciliation: ${problem}`);

    stopRefreshing();
    await platform?.stop();
    platform = undefined;
    const profiles = CPU_PROFILE ? summariseProfiles(profileDir) : [];
    for (const profile of profiles) {
      say(`profile ${profile.process} (${profile.totalSamples} samples): ${profile.byPackage.slice(0, 6).map((row) => `${row.what} ${row.percent}%`).join(', ')}`);
      for (const row of profile.top.slice(0, 6)) say(`    ${row.percent}%  ${row.what}`);
    }

    const holdSeconds = Math.max(...WANTED.flatMap((name) => definitions[name].stages.map((stage) => stage.duration)).filter((n) => n > 0), 10);
    const seconds = Number(env.LOAD_PGBENCH_SECONDS ?? holdSeconds);
    say(`machine limit: pgbench -N, 8 clients, ${seconds} s, same Postgres…`);
    const pgbench = await pgbenchN(SERVER_URL, seconds);
    const submitted = results.submissions?.steps.filter((step) => step.label.startsWith('hold')).map((step) => step.achievedRate) ?? [];
    const submissionRate = submitted.length ? Math.max(...submitted) : null;
    say(`pgbench -N: ${pgbench.tps} tps (${pgbench.latencyMs} ms average)${submissionRate !== null ? `; submissions held ${submissionRate}/s = ${((submissionRate / pgbench.tps) * 100).toFixed(1)} % of it` : ''}`);

    const report = { machine, idle, databaseUrl: new URL(databaseUrl).pathname.slice(1), namespace, results, reconciliation, pgbench, profiles, env: Object.fromEntries(Object.entries(env).filter(([key]) => key.startsWith('LOAD_') || key === 'DB_POOL_SIZE')) };
    writeFileSync(path.join(dir, 'result.json'), JSON.stringify(report, null, 2));
    say(`written ${path.relative(process.cwd(), path.join(dir, 'result.json'))}`);
    const crossed = Object.entries(results).some(([name, result]) => name !== 'peak_hour' && result.verdict !== 'thresholds met');
    await cleanup();
    // Like k6: 99 when a threshold was crossed, so a pipeline can tell.
    process.exit(crossed || !reconciliation.ok ? 99 : 0);
  } catch (error) {
    say(`failed: ${(error as Error).stack ?? error}`);
    await cleanup();
    process.exit(1);
  }
}

void main();
