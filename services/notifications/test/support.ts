import { randomUUID } from 'node:crypto';
import { eventEnvelope, type EventDefinition, type EventEnvelope } from '@mc/contracts';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, type TestDatabase } from '@mc/local-infra';
import { Bus } from '@mc/messaging';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { notificationsService } from '../src';

/**
 * A dossier event as the dossier service publishes it: a new dossier of commune 05983 unless `data` says
 * otherwise, checked against the event's own schema.
 */
export function dossierEvent(definition: EventDefinition<unknown>, data: Record<string, unknown>, at = new Date().toISOString()): EventEnvelope {
  return eventEnvelope(
    definition,
    {
      dossierId: randomUUID(),
      code: `05983-261207-${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`,
      procedureCode: '1.001022',
      receivingUnitCode: '05983',
      competentUnitCode: '05983',
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      occurredAt: at,
      actor: 'tiepnhan.lvt',
      ...data,
    },
    at,
  );
}

/** The notifications service on a database and bus namespace of its own, with a publisher on the dossier stream; sending held back. */
export async function startNotifications(env: Record<string, string> = {}) {
  const database: TestDatabase = await createTestDatabase();
  const namespace = testNamespace();
  const publisher = await Bus.connect({ url: testNatsUrl(), namespace, service: 'dossier' });
  await publisher.ensureEventStream('dossier');
  const serviceEnv = { DATABASE_URL: database.url, NATS_URL: testNatsUrl(), BUS_NAMESPACE: namespace, LOG_LEVEL: 'silent', NOTIFY_SEND_INTERVAL_MS: '60000', ...env };
  let service: RunningService | undefined;
  return {
    publisher,
    serviceEnv,
    publish: (subject: string, event: EventEnvelope) => publisher.js.publish(publisher.subject(subject), JSON.stringify(event), { msgID: randomUUID() }),
    async start(): Promise<RunningService> {
      service = await startBusService(notificationsService, serviceEnv);
      return service;
    },
    async close() {
      await service?.close();
      await publisher.close();
      await deleteNamespaceStreams(testNatsUrl(), namespace);
      await database.drop();
    },
  };
}
