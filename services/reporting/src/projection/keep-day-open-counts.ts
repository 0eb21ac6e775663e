import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from '@mc/observability';
import { LOGGER, repeat, type Repeating } from '@mc/service-runtime';
import { startOfVietnamDay, vietnamDate } from '@mc/working-calendar';
import { CLOCK, type Clock } from '../clock';
import { keepOpenCounts } from '../read-models/open-counts';

const EVERY_MS = 5 * 60_000;
const DAY_MS = 86_400_000;

/**
 * Keeps the open counts of each Vietnamese day's start as soon as they may be
 * kept (ten minutes past midnight), so no clerk's report pays the province-wide
 * count for them. Every replica runs it on a timer; keeping is idempotent. Days
 * before the service ran, and every day after a rebuild, are still counted by
 * the first report that needs them.
 */
@Injectable()
export class KeepDayOpenCounts implements OnApplicationBootstrap, OnApplicationShutdown {
  private job: Repeating | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.job = repeat(EVERY_MS, () => this.runOnce(), (error) => this.logger.warn({ err: error }, 'keeping the day’s open counts failed'), { runNow: true });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.job?.stop();
  }

  /** Today's start and yesterday's, in case the service was down at midnight. */
  async runOnce(now = this.clock.now()): Promise<void> {
    const days = [vietnamDate(new Date(now.getTime() - DAY_MS)), vietnamDate(now)];
    await this.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL jit = off');
      await keepOpenCounts(manager, days.map((day) => startOfVietnamDay(day).toISOString()));
    });
  }
}
