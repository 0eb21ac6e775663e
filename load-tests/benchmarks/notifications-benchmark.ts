import 'reflect-metadata';
import { cpus, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { execFileSync } from 'node:child_process';
import { CHANNELS, dossierReceivedV1, dossierResultIssuedV1, eventEnvelope, type Channel } from '@mc/contracts';
import { createTestDatabase, deleteNamespaceStreams, repoRoot, testNamespace, testNatsUrl } from '@mc/local-infra';
import { MailSink, SmsGatewaySimulator, ZaloZnsSimulator } from '@mc/message-providers-simulator';
import { notificationsService, SendDueMessages } from '@mc/notifications';
import { startBusService } from '@mc/service-runtime';
import { receivedEvent } from './received-event';

/**
 * Notifications: the CPU the service adds per dossier event (consumed, read
 * model written, one message per channel queued) for a receipt and for a
 * later event (the result issued: state moved, three messages), and
 * messages per second per channel through the provider simulators.
 *
 *   node tools/build.js && node dist/load-tests/benchmarks/notifications-benchmark.js
 *
 * Options (environment): BENCH_EVENTS (2000). The service, the simulators and
 * the publisher share this process; the send loop is stopped, so nothing is
 * sent while events are consumed, then each channel's messages are drained
 * alone.
 */
const EVENTS = Number(process.env.BENCH_EVENTS ?? 2_000);

const codeOf = (index: number) => `05983-261207-${String(index + 1).padStart(5, '0')}`;

const receivedOf = (index: number) =>
  receivedEvent(index, codeOf(index), { phone: `09${String(100_000_000 + index).slice(1)}`, email: `cong.dan.${index}@example.vn`, channels: [...CHANNELS], consent: true });

/** A later event about a received dossier: its result issued (the state moves, the applicant is told on three channels). */
const resultIssuedEvent = (dossierId: string, index: number) => {
  const now = new Date().toISOString();
  return eventEnvelope(
    dossierResultIssuedV1,
    {
      dossierId,
      code: codeOf(index),
      procedureCode: '1.001022',
      receivingUnitCode: '05983',
      competentUnitCode: '05983',
      state: 'result_ready',
      step: 'tra-ket-qua',
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      occurredAt: now,
      actor: 'tiepnhan.lvt',
    },
    now,
  );
};

async function main() {
  const database = await createTestDatabase();
  const namespace = testNamespace();
  const sms = await SmsGatewaySimulator.start({ apiKey: 'sms-bench-key-2026', callbackToken: 'bench-callback-token', perSecond: 1_000_000 });
  const zalo = await ZaloZnsSimulator.start({ accessToken: 'zalo-bench-token-2026', callbackToken: 'bench-callback-token', perSecond: 1_000_000 });
  const mail = await MailSink.start();
  const service = await startBusService(notificationsService, {
    DATABASE_URL: database.url,
    NATS_URL: testNatsUrl(),
    BUS_NAMESPACE: namespace,
    LOG_LEVEL: 'warn',
    SMS_GATEWAY_URL: sms.url,
    SMS_GATEWAY_API_KEY: 'sms-bench-key-2026',
    ZALO_ZNS_URL: zalo.url,
    ZALO_ACCESS_TOKEN: 'zalo-bench-token-2026',
    SMTP_PORT: String(mail.smtpPort),
    SMS_QUIET_FROM: '00:00',
    SMS_QUIET_UNTIL: '00:00',
    NOTIFY_SEND_INTERVAL_MS: '60000',
  });
  try {
    const { bus, dataSource } = service;
    const sender = service.app.get(SendDueMessages);
    // The send loop is stopped: messages are only sent by the drains below, one channel at a time.
    await sender.onApplicationShutdown();
    const count = async (where: string) => Number((await dataSource.query(`SELECT count(*)::int AS n FROM messages WHERE ${where}`))[0].n);
    const events = Array.from({ length: EVENTS }, (_, index) => receivedOf(index));

    // The publisher's own cost, on a subject nobody reads, to take it out of the consumer's figure.
    let cpu = process.cpuUsage();
    await Promise.all(events.map((event) => bus.js.publish(bus.subject('evt.dossier.bench.calibration'), JSON.stringify(event), { msgID: `calibration-${event.id}` })));
    const publishCpu = process.cpuUsage(cpu);

    cpu = process.cpuUsage();
    let started = performance.now();
    await Promise.all(events.map((event) => bus.js.publish(bus.subject(dossierReceivedV1.subject), JSON.stringify(event), { msgID: event.id })));
    // Polled rarely, so that the poll's own queries stay out of the CPU measured.
    while ((await count('true')) < EVENTS * CHANNELS.length) await new Promise((resolve) => setTimeout(resolve, 250));
    const consumeMs = performance.now() - started;
    const consumeCpu = process.cpuUsage(cpu);
    const cpuPerEventMs = (consumeCpu.user + consumeCpu.system - publishCpu.user - publishCpu.system) / 1000 / EVENTS;

    // A later event about each dossier: the state moved, the dossier and its units read, three messages written.
    const results = events.map((event, index) => resultIssuedEvent((event.data as { dossierId: string }).dossierId, index));
    cpu = process.cpuUsage();
    started = performance.now();
    await Promise.all(results.map((event) => bus.js.publish(bus.subject(dossierResultIssuedV1.subject), JSON.stringify(event), { msgID: event.id })));
    while ((await count('true')) < 2 * EVENTS * CHANNELS.length) await new Promise((resolve) => setTimeout(resolve, 250));
    const laterMs = performance.now() - started;
    const laterCpu = process.cpuUsage(cpu);
    const cpuPerLaterEventMs = (laterCpu.user + laterCpu.system - publishCpu.user - publishCpu.system) / 1000 / EVENTS;

    const rows: { channel: Channel; perSecond: number; cpuPerMessageMs: number }[] = [];
    for (const channel of CHANNELS) {
      await dataSource.query(`UPDATE messages SET next_attempt_at = CASE WHEN channel = $1 THEN now() - interval '1 second' ELSE now() + interval '1 day' END WHERE status = 'pending'`, [channel]);
      cpu = process.cpuUsage();
      started = performance.now();
      await sender.drain();
      const elapsed = performance.now() - started;
      const used = process.cpuUsage(cpu);
      const sent = await count(`channel = '${channel}' AND status = 'sent'`);
      if (sent !== 2 * EVENTS) throw new Error(`${channel}: ${sent} of ${2 * EVENTS} sent`);
      rows.push({ channel, perSecond: Math.round(((2 * EVENTS) / elapsed) * 1000), cpuPerMessageMs: (used.user + used.system) / 1000 / (2 * EVENTS) });
    }

    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot() }).toString().trim();
    process.stdout.write(
      [
        `commit ${commit}, ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load average ${loadavg().map((value) => value.toFixed(2)).join(' ')}`,
        `${EVENTS} received and ${EVENTS} result-issued events, 3 channels each (${EVENTS * 6} messages)`,
        `received: consumed and queued in ${Math.round(consumeMs)} ms (${Math.round((EVENTS / consumeMs) * 1000)} events/s); CPU per dossier event ${cpuPerEventMs.toFixed(2)} ms (publisher's ${((publishCpu.user + publishCpu.system) / 1000 / EVENTS).toFixed(2)} ms taken out)`,
        `result issued: consumed and queued in ${Math.round(laterMs)} ms (${Math.round((EVENTS / laterMs) * 1000)} events/s); CPU per dossier event ${cpuPerLaterEventMs.toFixed(2)} ms`,
        '| channel | messages/s | CPU per message (service + simulator) |',
        '|---|---:|---:|',
        ...rows.map((row) => `| ${row.channel} | ${row.perSecond} | ${row.cpuPerMessageMs.toFixed(2)} ms |`),
        '',
      ].join('\n'),
    );
  } finally {
    await service.close();
    await Promise.all([sms.close(), zalo.close(), mail.close()]);
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database.drop();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
