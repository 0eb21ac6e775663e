import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FORM_TITLES, formRegimeOf, type ControlSlipLine, type DossierRef, type HistoryEntryView, type StepVerdict } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { VERDICT_LABELS } from '../deadlines/deadlines';
import { displayInstant } from '../dossiers/display';
import { loadVisibleDossier } from '../dossiers/dossier-row';
import { HistoryLog, type HistoryRow } from './history-log';

const toEntryView = ({ entry, hash }: HistoryRow): HistoryEntryView => ({
  seq: entry.seq,
  at: entry.at,
  atDisplay: displayInstant(entry.at),
  actor: entry.actor,
  action: entry.action,
  reason: entry.reason,
  before: entry.before,
  after: entry.after,
  details: entry.details,
  hash,
});

/** The history of a dossier, and the control slip (Phiếu kiểm soát) as the view of its hand-overs. */
@Injectable()
export class GetDossierHistory {
  constructor(
    private readonly dataSource: DataSource,
    private readonly history: HistoryLog,
  ) {}

  async entries(ref: DossierRef, principal: Principal): Promise<HistoryEntryView[]> {
    const row = await loadVisibleDossier(this.dataSource.manager, ref, principal);
    return (await this.history.read(this.dataSource.manager, row.id)).map(toEntryView);
  }

  async controlSlip(ref: DossierRef, principal: Principal): Promise<{ code: string; title: string; lines: ControlSlipLine[] }> {
    const row = await loadVisibleDossier(this.dataSource.manager, ref, principal);
    const entries = await this.history.read(this.dataSource.manager, row.id);
    const lines = entries
      .filter(({ entry }) => entry.details.toStep !== undefined)
      .map(({ entry }): ControlSlipLine => {
        const verdict = (entry.details.verdict as StepVerdict | null) ?? null;
        const stepDueAt = (entry.details.stepDueAt as string | null) ?? null;
        return {
          seq: entry.seq,
          fromStep: (entry.details.fromStep as string | null) ?? null,
          toStep: (entry.details.toStep as string | null) ?? null,
          from: `${entry.actor.username} (${entry.actor.role}, ${entry.actor.unit})`,
          to: String(entry.details.toStepName ?? entry.details.toStep ?? ''),
          handedAt: entry.at,
          handedAtDisplay: displayInstant(entry.at),
          stepDueAt,
          stepDueAtDisplay: stepDueAt ? displayInstant(stepDueAt) : null,
          verdict,
          verdictLabel: verdict ? VERDICT_LABELS[verdict] : null,
          note: entry.reason,
        };
      });
    return { code: row.code, title: FORM_TITLES[formRegimeOf(row.received_at)].controlSlip, lines };
  }
}
