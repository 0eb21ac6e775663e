import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { EventEnvelope } from '@mc/contracts';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import type { NotificationsConfig } from '../notifications.config';
import { onOneConnection } from '../one-connection';
import { TemplateCache } from '../templates/template-cache';
import { aboutOf, applyEvent } from './apply-event';
import { newsOf } from './citizen-messages';
import { parkEvent, replayParked } from './parked-events';

/**
 * An event in a dossier's life after its receipt (a supplement requested or
 * received, the result issued, returned or delivered by post, an apology with
 * a new appointment, a stop): the dossier's state is brought up to date for
 * status requests and the applicant is told. An event that neither moves the
 * state nor tells the citizen anything (a postal status other than the
 * result's delivery) costs no database work. An event about a dossier whose
 * receipt has not been handled here yet is parked and handled with it.
 */
@Injectable()
export class NotifyDossierEvent {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplateCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute(event: EventEnvelope): Promise<void> {
    const { dossierId, move } = aboutOf(event);
    const news = newsOf(event, this.config);
    if (!dossierId || (!news && !move)) return;
    const now = this.clock.now();
    const receiptSinceParking = await onOneConnection(this.dataSource, async (manager) => {
      if (await applyEvent(manager, this.templates, event, news, dossierId, move, now)) return false;
      await parkEvent(manager, event, dossierId);
      // The receipt may have been written since the look-up, having found nothing parked: then it is handled here.
      return ((await manager.query('SELECT 1 FROM dossiers WHERE id = $1', [dossierId])) as unknown[]).length > 0;
    });
    if (receiptSinceParking) await replayParked(this.dataSource, this.templates, this.config, dossierId, now);
  }
}
