import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dossierReceivedV1 } from '@mc/contracts';
import { Bus, durableName, LeaderLockedBatchConsumer } from '@mc/messaging';
import type { Logger } from '@mc/observability';
import { LOGGER, SERVICE_CONFIG } from '@mc/service-runtime';
import type { NotificationsConfig } from '../notifications.config';
import { RecordReceivedDossiers } from './record-received-dossiers';

/** Held by the replica that reads the receipts; another replica takes over when its holder's connection closes. */
export const RECEIPTS_LOCK_KEY = 7_263_900_101;

/**
 * How long receipts gather before a batch that is not full: at a steady 250 a second, batches of about 25
 * instead of one or two (most of a batch's cost is per batch). The receipt's SMS waits that much longer,
 * well within the send loop's own interval and the citizen's patience.
 */
const RECEIPTS_GATHER_MS = 100;

/**
 * Reads the dossier receipts in batches, a transaction each, on the replica
 * that holds the receipts lock: every receipt is a few statements shared
 * with the rest of its batch rather than its own round trips. The durable
 * is the one the receipts were read with one at a time, so its position is
 * kept.
 */
@Injectable()
export class ReceiptConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: LeaderLockedBatchConsumer;

  constructor(dataSource: DataSource, bus: Bus, record: RecordReceivedDossiers, @Inject(SERVICE_CONFIG) config: NotificationsConfig, @Inject(LOGGER) logger: Logger) {
    const durable = durableName('notifications', dossierReceivedV1.subject);
    this.consumer = new LeaderLockedBatchConsumer(
      dataSource,
      bus,
      {
        service: 'notifications',
        producer: 'dossier',
        subject: dossierReceivedV1.subject,
        lockKey: RECEIPTS_LOCK_KEY,
        maxDeliver: config.BUS_MAX_DELIVER,
        retryDelayMs: config.BUS_RETRY_DELAY_MS,
        ackWaitMs: config.BUS_ACK_WAIT_MS,
        batchSize: config.BUS_BATCH_SIZE,
        gatherMs: RECEIPTS_GATHER_MS,
      },
      {
        durable: async () => durable,
        apply: (manager, events) => record.execute(manager, events.map((event) => event.envelope)),
        afterCommit: (manager, events) => record.replayParked(manager, events.map((event) => event.envelope)),
      },
      logger,
    );
  }

  onApplicationBootstrap(): void {
    this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
