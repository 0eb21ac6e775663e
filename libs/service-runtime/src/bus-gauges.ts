import type { DataSource } from 'typeorm';
import type { Bus } from '@mc/messaging';
import { observeGauge } from '@mc/observability';

/**
 * The figures an operator watches on every bus service: how many events wait
 * in the outbox and for how long (a stuck relay), and how far each durable
 * consumer of this service is behind its stream (a stuck or slow consumer),
 * and whether any event was given up on.
 * Read at scrape time, so they cost nothing between scrapes.
 */
export function observeBusGauges(dataSource: DataSource, bus: Bus): void {
  const outbox = async () =>
    (await dataSource.query(
      `SELECT count(*)::int AS backlog, COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float8 AS age FROM outbox`,
    )) as Array<{ backlog: number; age: number }>;
  observeGauge('mc_outbox_backlog', { description: 'Events written but not yet published' }, async () => {
    const [row] = await outbox();
    return [{ value: row.backlog }];
  });
  observeGauge('mc_outbox_oldest_age_seconds', { description: 'Age of the oldest unpublished event', unit: 's' }, async () => {
    const [row] = await outbox();
    return [{ value: row.age }];
  });
  observeGauge('mc_consumer_pending', { description: 'Events not yet acknowledged by a durable consumer, by durable' }, async () => {
    const readings = [];
    for (const [durable, stream] of bus.durables) {
      const info = await bus.jsm.consumers.info(stream, durable);
      readings.push({ value: info.num_pending + info.num_ack_pending, attributes: { durable } });
    }
    return readings;
  });
  // Stored dead letters, not a count of this process's own: a counter born at 1 shows no increase to
  // Prometheus, so the first dead letter would never alert. Every service reports the same stream.
  observeGauge('mc_dead_letter_stream_messages', { description: 'Events waiting in the dead-letter stream for an operator' }, async () => {
    const info = await bus.jsm.streams.info(await bus.ensureDeadLetterStream());
    return [{ value: info.state.messages }];
  });
}
