import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ReportFreshness } from '@mc/contracts';
import { Bus } from '@mc/messaging';
import { CLOCK, systemClock, type Clock } from '../clock';
import { pendingProjectionEvents } from './projection-consumer';

/**
 * How far behind the stream the reports are: events not applied yet (from the
 * consumer's own counters on the server) and the time of the newest applied
 * one. Every report carries it, so a figure is never read without its age.
 */
@Injectable()
export class GetReportFreshness {
  constructor(
    private readonly dataSource: DataSource,
    private readonly bus: Bus,
    // Optional: the quality reports also run on their own, without the service's clock.
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async execute(): Promise<ReportFreshness> {
    const rows: { last_event_at: Date | null; consumer_generation: number }[] = await this.dataSource.query(
      `SELECT last_event_at, consumer_generation FROM projection_state WHERE name = 'dossier'`,
    );
    const pendingEvents = await pendingProjectionEvents(this.bus, rows[0]?.consumer_generation ?? 0);
    const lastEventAt = rows[0]?.last_event_at ?? null;
    const now = this.clock.now();
    return {
      pendingEvents,
      lastEventAt: lastEventAt?.toISOString() ?? null,
      lagMs: pendingEvents > 0 && lastEventAt ? Math.max(0, now.getTime() - lastEventAt.getTime()) : 0,
      asOf: now.toISOString(),
    };
  }
}
