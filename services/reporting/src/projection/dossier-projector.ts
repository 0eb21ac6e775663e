import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Bus, LeaderLockedBatchConsumer } from '@mc/messaging';
import type { Logger } from '@mc/observability';
import { LOGGER, SERVICE_CONFIG } from '@mc/service-runtime';
import { ApplyDossierEvents } from './apply-dossier-events';
import { DOSSIER_EVENTS_SUBJECT, PROJECTION_LOCK_KEY, projectionDurable, type ProjectionConfig } from '../read-models/projection-consumer';

/**
 * Applies the dossier stream to the read models, a batch per transaction, on
 * the replica that holds the projection lock. Which consumer generation to
 * read is the projection's own state (a rebuild starts the next one).
 */
@Injectable()
export class DossierProjector implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: LeaderLockedBatchConsumer;

  constructor(
    dataSource: DataSource,
    bus: Bus,
    apply: ApplyDossierEvents,
    @Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.consumer = new LeaderLockedBatchConsumer(
      dataSource,
      bus,
      {
        service: 'reporting',
        producer: 'dossier',
        subject: DOSSIER_EVENTS_SUBJECT,
        lockKey: PROJECTION_LOCK_KEY,
        maxDeliver: config.BUS_MAX_DELIVER,
        retryDelayMs: config.BUS_RETRY_DELAY_MS,
        ackWaitMs: config.REPORTING_PROJECTION_ACK_WAIT_MS,
        batchSize: config.REPORTING_PROJECTION_BATCH,
      },
      {
        durable: async (manager) => {
          const [{ consumer_generation: generation }] = await manager.query(`SELECT consumer_generation FROM projection_state WHERE name = 'dossier'`);
          return projectionDurable(generation);
        },
        apply: (manager, events) => apply.execute(manager, events),
      },
      logger,
    );
  }

  get isLeading(): boolean {
    return this.consumer.isLeading;
  }

  onApplicationBootstrap(): void {
    if (this.config.REPORTING_PROJECTION_ENABLED) this.consumer.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
  }
}
