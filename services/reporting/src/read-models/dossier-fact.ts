import {
  dossierApologisedV1,
  dossierExtendedV1,
  dossierOverdueV1,
  dossierRatedV1,
  dossierReceivedV1,
  dossierResultIssuedV1,
  dossierReturnedV1,
  dossierSupplementReceivedV1,
  dossierSupplementRequestedV1,
  type EventEnvelope,
} from '@mc/contracts';
import { vietnamDate } from '@mc/working-calendar';
import { outcomeOf, type FinishingEvent, type Outcome } from './outcome';

/** One row of dossier_facts, as the projector holds it in memory while applying a batch. */
export interface DossierFact {
  dossierId: string;
  code: string;
  procedureCode: string;
  procedureName: string;
  fieldCode: string | null;
  channelCode: number;
  receivingUnitCode: string;
  competentUnitCode: string;
  applicantName: string;
  receivedAt: string;
  dueAt: string;
  finishedAt: string | null;
  state: string;
  outcome: Outcome | null;
  supplementRequests: number;
  lateForReporting: boolean;
  pausedMs: number;
  componentsTotal: number;
  componentsDigitised: number;
  componentsReused: number;
  returnMethod: string | null;
  electronicResult: boolean | null;
  apologies: { newDueAt: string; originalDueAt: string; reason: string; signer: string; at: string }[];
  extensions: { previousDueAt: string; newDueAt: string; extendBy: { value: number; unit: string }; reason: string; approver: string; at: string }[];
  overdueMarked: boolean;
  rating: { scores: Record<string, string>; dissatisfied: boolean; ratedAt: string } | null;
  lastEventAt: string;
}

export const DAILY_COUNTERS = [
  'received',
  'received_digitised',
  'components',
  'components_digitised',
  'components_reused',
  'early',
  'on_time',
  'late',
  'refused',
  'withdrawn',
  'stopped',
  'results_issued',
  'electronic_results',
  'returned',
  'returned_by_post',
  'processing_ms',
  'ratings',
  'ratings_dissatisfied',
] as const;
export type DailyCounter = (typeof DAILY_COUNTERS)[number];

export interface DailyDelta {
  day: string;
  unitCode: string;
  procedureCode: string;
  channelCode: number;
  fieldCode: string | null;
  counters: Partial<Record<DailyCounter, number>>;
}

export interface RatingRow {
  dossierId: string;
  unitCode: string;
  procedureCode: string;
  ratedAt: string;
  scores: Record<string, string>;
  dissatisfied: boolean;
}

/** What applying a batch in memory produces: changed facts, summed day deltas, new ratings, events without a dossier. */
export class BatchEffects {
  readonly facts = new Map<string, DossierFact>();
  readonly changed = new Set<string>();
  readonly deltas = new Map<string, DailyDelta>();
  readonly ratings: RatingRow[] = [];
  orphans = 0;

  add(fact: DossierFact, at: string, counters: Partial<Record<DailyCounter, number>>): void {
    const day = vietnamDate(at);
    const key = `${day}|${fact.competentUnitCode}|${fact.procedureCode}|${fact.channelCode}`;
    let delta = this.deltas.get(key);
    if (!delta) {
      delta = { day, unitCode: fact.competentUnitCode, procedureCode: fact.procedureCode, channelCode: fact.channelCode, fieldCode: fact.fieldCode, counters: {} };
      this.deltas.set(key, delta);
    }
    for (const [name, value] of Object.entries(counters) as [DailyCounter, number][]) {
      delta.counters[name] = (delta.counters[name] ?? 0) + value;
    }
  }
}

const FINISHING: Record<string, FinishingEvent> = {
  'dossier.returned': 'returned',
  'dossier.refused': 'refused',
  'dossier.withdrawn': 'withdrawn',
  'dossier.stopped': 'stopped',
};

interface Base {
  dossierId: string;
  code: string;
  procedureCode: string;
  receivingUnitCode: string;
  competentUnitCode: string;
  state: string;
  dueAt: string;
  occurredAt: string;
}

/**
 * Applies one dossier event to the batch's in-memory facts, in stream order.
 * Every event carries the dossier's current state, units and due instant, so
 * those follow the newest event; the rest depends on the event type.
 */
export function applyDossierEvent(effects: BatchEffects, event: EventEnvelope): void {
  const base = event.data as Base;
  if (event.type === 'dossier.received') {
    if (effects.facts.has(base.dossierId)) return;
    const data = dossierReceivedV1.schema.parse(event.data);
    const components = data.components ?? { total: 0, digitised: 0, reused: 0 };
    const fact: DossierFact = {
      dossierId: data.dossierId,
      code: data.code,
      procedureCode: data.procedureCode,
      procedureName: data.procedureName ?? '',
      fieldCode: data.fieldCode ?? null,
      channelCode: data.channelCode,
      receivingUnitCode: data.receivingUnitCode,
      competentUnitCode: data.competentUnitCode,
      applicantName: data.applicantName ?? '',
      receivedAt: data.receivedAt,
      dueAt: data.dueAt,
      finishedAt: null,
      state: data.state,
      outcome: null,
      supplementRequests: 0,
      lateForReporting: false,
      pausedMs: 0,
      componentsTotal: components.total,
      componentsDigitised: components.digitised,
      componentsReused: components.reused,
      returnMethod: data.returnMethod ?? null,
      electronicResult: null,
      apologies: [],
      extensions: [],
      overdueMarked: false,
      rating: null,
      lastEventAt: data.occurredAt,
    };
    effects.facts.set(fact.dossierId, fact);
    effects.changed.add(fact.dossierId);
    effects.add(fact, data.receivedAt, {
      received: 1,
      // A dossier counts as digitised when it has components and every one of them is.
      received_digitised: components.total > 0 && components.digitised >= components.total ? 1 : 0,
      components: components.total,
      components_digitised: components.digitised,
      components_reused: components.reused,
    });
    return;
  }

  const fact = effects.facts.get(base.dossierId);
  if (!fact) {
    // Its receipt was never applied (dead-lettered, or the stream was cut): nothing to attach it to.
    effects.orphans += 1;
    return;
  }
  effects.changed.add(fact.dossierId);
  if (Date.parse(base.occurredAt) > Date.parse(fact.lastEventAt)) fact.lastEventAt = base.occurredAt;
  if (fact.finishedAt === null) {
    fact.state = base.state;
    fact.dueAt = base.dueAt;
    fact.competentUnitCode = base.competentUnitCode;
    fact.receivingUnitCode = base.receivingUnitCode;
  } else if (event.type === 'dossier.rated') {
    fact.state = base.state;
  }

  const finishing = FINISHING[event.type];
  if (finishing) {
    if (fact.finishedAt !== null) return;
    const data = event.data as Base & { onTime: boolean; lateForReporting: boolean };
    const outcome = outcomeOf({ event: finishing, onTime: data.onTime, lateForReporting: data.lateForReporting, finishedAt: data.occurredAt, dueAt: data.dueAt });
    fact.finishedAt = data.occurredAt;
    fact.outcome = outcome;
    fact.lateForReporting = fact.lateForReporting || data.lateForReporting;
    const counters: Partial<Record<DailyCounter, number>> = { [outcome]: 1 };
    if (outcome === 'early' || outcome === 'on_time' || outcome === 'late') {
      counters.processing_ms = Date.parse(data.occurredAt) - Date.parse(fact.receivedAt);
    }
    if (finishing === 'returned') {
      const { returnMethod } = dossierReturnedV1.schema.parse(event.data);
      fact.returnMethod = returnMethod;
      counters.returned = 1;
      counters.returned_by_post = returnMethod === 'post' ? 1 : 0;
    }
    effects.add(fact, data.occurredAt, counters);
    return;
  }

  switch (event.type) {
    case 'dossier.supplement-requested': {
      const data = dossierSupplementRequestedV1.schema.parse(event.data);
      fact.supplementRequests = Math.max(fact.supplementRequests, data.requestCount);
      fact.lateForReporting = fact.lateForReporting || data.lateForReporting;
      return;
    }
    case 'dossier.supplement-received': {
      const data = dossierSupplementReceivedV1.schema.parse(event.data);
      fact.pausedMs += data.pausedWorkingMilliseconds;
      return;
    }
    case 'dossier.result-issued': {
      const data = dossierResultIssuedV1.schema.parse(event.data);
      fact.electronicResult = data.electronicResult ?? false;
      effects.add(fact, data.occurredAt, { results_issued: 1, electronic_results: fact.electronicResult ? 1 : 0 });
      return;
    }
    case 'dossier.overdue': {
      const data = dossierOverdueV1.schema.parse(event.data);
      if (data.scope === 'dossier') fact.overdueMarked = true;
      return;
    }
    case 'dossier.apologised': {
      const data = dossierApologisedV1.schema.parse(event.data);
      fact.apologies = [...fact.apologies, { newDueAt: data.newDueAt, originalDueAt: data.originalDueAt, reason: data.reason, signer: data.signer, at: data.occurredAt }];
      return;
    }
    case 'dossier.extended': {
      const data = dossierExtendedV1.schema.parse(event.data);
      fact.extensions = [
        ...fact.extensions,
        { previousDueAt: data.previousDueAt, newDueAt: data.dueAt, extendBy: data.extendBy, reason: data.reason, approver: data.approver, at: data.occurredAt },
      ];
      return;
    }
    case 'dossier.rated': {
      // One rating per dossier counts; the dossier service refuses a second one anyway.
      if (fact.rating) return;
      const data = dossierRatedV1.schema.parse(event.data);
      fact.rating = { scores: data.scores, dissatisfied: data.dissatisfied, ratedAt: data.ratedAt };
      effects.ratings.push({
        dossierId: fact.dossierId,
        unitCode: fact.competentUnitCode,
        procedureCode: fact.procedureCode,
        ratedAt: data.ratedAt,
        scores: data.scores,
        dissatisfied: data.dissatisfied,
      });
      effects.add(fact, data.ratedAt, { ratings: 1, ratings_dissatisfied: data.dissatisfied ? 1 : 0 });
      return;
    }
    default:
      // Hand-overs, approvals, liên thông parts, due-soon marks, postal requests: state and due instant only.
      return;
  }
}
