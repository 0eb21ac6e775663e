/**
 * What Prometheus would see of each service during a run: its operations
 * listener's /readyz and the platform's gauges from /metrics (consumer lag per
 * durable, outbox backlog and age, dead letters), read as a scrape reads them.
 */

export interface ServiceScrape {
  service: string;
  /** /readyz status, null when the listener did not answer (the service is down). */
  ready: number | null;
  outboxBacklog: number | null;
  outboxOldestAgeSeconds: number | null;
  deadLetters: number | null;
  /** mc_consumer_pending by durable. */
  consumerPending: Record<string, number>;
}

export interface Scrape {
  at: string;
  label: string;
  services: ServiceScrape[];
}

const unescape = (value: string) => value.replace(/\\(["\\n])/g, (_, c: string) => (c === 'n' ? '\n' : c));

/** The samples of one metric in Prometheus's text format: labels and value. */
export function samples(text: string, metric: string): { labels: Record<string, string>; value: number }[] {
  const found: { labels: Record<string, string>; value: number }[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith(metric) || (line[metric.length] !== '{' && line[metric.length] !== ' ')) continue;
    const match = /^[^{\s]+(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[1] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] as string] = unescape(pair[2] as string);
    found.push({ labels, value: Number(match[2]) });
  }
  return found;
}

async function scrapeOne(service: string, port: number): Promise<ServiceScrape> {
  const get = (route: string) => fetch(`http://127.0.0.1:${port}${route}`, { signal: AbortSignal.timeout(10_000) }).catch(() => null);
  const ready = await get('/readyz');
  const metrics = ready ? await get('/metrics') : null;
  const text = metrics?.ok ? await metrics.text() : '';
  const one = (metric: string) => samples(text, metric)[0]?.value ?? null;
  return {
    service,
    ready: ready?.status ?? null,
    outboxBacklog: one('mc_outbox_backlog'),
    outboxOldestAgeSeconds: one('mc_outbox_oldest_age_seconds'),
    deadLetters: one('mc_dead_letter_stream_messages'),
    consumerPending: Object.fromEntries(samples(text, 'mc_consumer_pending').map((sample) => [sample.labels.durable ?? '?', sample.value])),
  };
}

/** One scrape of every service's operations listener. */
export async function scrapeAll(opsPorts: ReadonlyMap<string, number>, label: string): Promise<Scrape> {
  const at = new Date().toISOString();
  const services = await Promise.all([...opsPorts.entries()].map(([service, port]) => scrapeOne(service, port)));
  return { at, label, services };
}

/** One line per scrape for the run's log: who is down, the largest lags, backlogs and dead letters. */
export function describeScrape(scrape: Scrape): string {
  const down = scrape.services.filter((s) => s.ready !== 200).map((s) => `${s.service} (${s.ready ?? 'no answer'})`);
  const lags = scrape.services
    .flatMap((s) => Object.entries(s.consumerPending).map(([durable, n]) => ({ durable, n })))
    .filter((row) => row.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 4)
    .map((row) => `${row.durable} ${row.n}`);
  const backlog = scrape.services.reduce((sum, s) => sum + (s.outboxBacklog ?? 0), 0);
  const oldest = Math.max(0, ...scrape.services.map((s) => s.outboxOldestAgeSeconds ?? 0));
  const dead = Math.max(0, ...scrape.services.map((s) => s.deadLetters ?? 0));
  return `metrics ${scrape.label}: not ready ${down.join(', ') || 'none'}; lag ${lags.join(', ') || 'none'}; outbox backlog ${backlog} (oldest ${oldest.toFixed(1)} s); dead letters ${dead}`;
}
