import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EventEnvelope } from '@mc/contracts';
import { repoRoot } from '@mc/local-infra';

/** How a synthetic dossier ends; the generator builds the events that lead there. */
export const SYNTHETIC_KINDS = [
  'early',
  'on_time',
  'late',
  'paused_supplement',
  'multi_supplement',
  'refused',
  'withdrawn',
  'stopped',
  'open_on_time',
  'open_overdue',
] as const;
export type SyntheticKind = (typeof SYNTHETIC_KINDS)[number];

/** What the generator decided for one dossier: the input from which a test computes expected figures on its own. */
export interface SyntheticDossier {
  dossierId: string;
  code: string;
  kind: SyntheticKind;
  procedureCode: string;
  fieldCode: string;
  channelCode: 1 | 2 | 3;
  receivingUnitCode: string;
  competentUnitCode: string;
  receivedAt: Date;
  /** The final due instant (after pauses, extensions or apologies). */
  dueAt: Date;
  /** When the finishing event happened; null while open. */
  finishedAt: Date | null;
  supplementRequests: number;
  components: { total: number; digitised: number; reused: number };
  rated: { at: Date; dissatisfied: boolean } | null;
}

export interface DemoUnit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  validTo: string | null;
  path: string;
}

/** The demo unit tree with each unit's path, computed from the parent chain. */
export function demoUnits(): DemoUnit[] {
  const file = JSON.parse(readFileSync(join(repoRoot(), 'infra/demo/units.json'), 'utf8')) as {
    units: { code: string; name: string; kind: string; parentCode: string | null; validTo: string | null }[];
  };
  const byCode = new Map(file.units.map((unit) => [unit.code, unit]));
  const pathOf = (code: string): string => {
    const unit = byCode.get(code);
    if (!unit) throw new Error(`unit ${code} is not in infra/demo/units.json`);
    return unit.parentCode ? `${pathOf(unit.parentCode)}${code}/` : `/${code}/`;
  };
  return file.units.map((unit) => ({ ...unit, validTo: unit.validTo ?? null, path: pathOf(unit.code) }));
}

/** A small deterministic generator, so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** 00:00 in Vietnam of a yyyy-mm-dd day. */
const vnMidnight = (day: string) => Date.parse(`${day}T00:00:00+07:00`);
const vnDayOf = (instant: number) => new Date(instant + 7 * HOUR).toISOString().slice(0, 10);

const PROCEDURES = [
  { code: '1.000689', name: 'Đăng ký kết hôn', field: 'ho_tich' },
  { code: '1.001193', name: 'Đăng ký khai sinh', field: 'ho_tich' },
  { code: '2.000815', name: 'Chứng thực bản sao từ bản chính', field: 'chung_thuc' },
];

export interface GenerateOptions {
  count: number;
  /** Receipts fall on these days (yyyy-mm-dd, inclusive), at office hours in Vietnam. */
  firstDay: string;
  lastDay: string;
  /** Competent units to spread the dossiers over, with weights. */
  units: { code: string; weight: number }[];
  seed?: number;
}

/**
 * Dossiers of every kind the reports distinguish, and for each the events the
 * dossier service publishes on its way (receipt, hand-overs, supplement
 * requests and receipts, result, return or refusal, overdue marks, apologies,
 * ratings), in the order they happened.
 */
export function generateDossiers(options: GenerateOptions): { dossiers: SyntheticDossier[]; events: EventEnvelope[] } {
  const random = seededRandom(options.seed ?? 20_260_301);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const totalWeight = options.units.reduce((sum, unit) => sum + unit.weight, 0);
  const pickUnit = () => {
    let at = random() * totalWeight;
    for (const unit of options.units) if ((at -= unit.weight) < 0) return unit.code;
    return options.units.at(-1)?.code ?? '20';
  };
  const days = Math.round((vnMidnight(options.lastDay) - vnMidnight(options.firstDay)) / DAY) + 1;
  const dossiers: SyntheticDossier[] = [];
  const events: { at: number; order: number; envelope: EventEnvelope }[] = [];
  const sequence = new Map<string, number>();

  for (let index = 0; index < options.count; index += 1) {
    const kind = SYNTHETIC_KINDS[index % SYNTHETIC_KINDS.length] as SyntheticKind;
    const procedure = pick(PROCEDURES);
    const competent = pickUnit();
    const receiving = random() < 0.8 ? competent : pickUnit();
    const channelCode = pick([1, 1, 2, 2, 3] as const);
    const day = vnDayOf(vnMidnight(options.firstDay) + Math.floor(random() * days) * DAY);
    const receivedAt = vnMidnight(day) + 8 * HOUR + Math.floor(random() * 7 * HOUR);
    const seq = (sequence.get(`${receiving}${day}`) ?? 0) + 1;
    sequence.set(`${receiving}${day}`, seq);
    const code = `${receiving}-${day.slice(2).replace(/-/g, '')}-${String(seq).padStart(4, '0')}`;
    const dossierId = randomUUID();
    const componentsTotal = Math.floor(random() * 4);
    const components = { total: componentsTotal, digitised: random() < 0.6 ? componentsTotal : Math.floor(componentsTotal / 2), reused: Math.floor(random() * (componentsTotal + 1)) };
    // Due at 17:00 on a day 3 to 10 days after receipt.
    let dueAt = vnMidnight(vnDayOf(receivedAt)) + (3 + Math.floor(random() * 8)) * DAY + 17 * HOUR;
    const applicantName = pick(['Hoàng Văn Nam', 'Nguyễn Thị Lan', 'Lý Văn Hùng', 'Vi Thị Hoa']);
    let state = 'in_progress';
    let order = 0;
    const emit = (at: number, type: string, extra: Record<string, unknown> = {}) => {
      events.push({
        at,
        order: order++,
        envelope: {
          id: randomUUID(),
          type: `dossier.${type}`,
          version: 1,
          source: 'dossier',
          occurredAt: new Date(at).toISOString(),
          data: {
            dossierId,
            code,
            procedureCode: procedure.code,
            receivingUnitCode: receiving,
            competentUnitCode: competent,
            state,
            step: null,
            dueAt: new Date(dueAt).toISOString(),
            occurredAt: new Date(at).toISOString(),
            actor: 'tiepnhan.lvt',
            ...extra,
          },
        },
      });
    };
    // Old receipts lack the fields added later for reporting: the projection must cope.
    const full = index % 7 !== 3;
    emit(receivedAt, 'received', {
      channelCode,
      receivedAt: new Date(receivedAt).toISOString(),
      procedureVersion: 1,
      ...(full
        ? { procedureName: procedure.name, fieldCode: procedure.field, applicantName, returnMethod: channelCode === 3 ? 'post' : 'counter', components }
        : {}),
    });
    state = 'in_progress';
    emit(receivedAt + HOUR, 'handed-over', { fromStep: 'tiep-nhan', toStep: 'tham-dinh', verdict: 'on_time' });

    let supplementRequests = 0;
    let lateForReporting = false;
    const supplement = (at: number, pausedMs: number) => {
      supplementRequests += 1;
      lateForReporting = supplementRequests > 1;
      state = 'awaiting_supplement';
      emit(at, 'supplement-requested', { reason: 'Thiếu giấy tờ', requestCount: supplementRequests, lateForReporting });
      // The paused working time moves the due instant by as much.
      dueAt += pausedMs;
      state = 'in_progress';
      emit(at + pausedMs, 'supplement-received', { pausedWorkingMilliseconds: pausedMs });
    };
    if (kind === 'paused_supplement') supplement(receivedAt + 2 * HOUR, DAY);
    if (kind === 'multi_supplement') {
      supplement(receivedAt + 2 * HOUR, DAY);
      supplement(receivedAt + 2 * DAY, DAY);
    }

    let finishedAt: number | null = null;
    let onTime = true;
    const dueDay = vnMidnight(vnDayOf(dueAt));
    switch (kind) {
      case 'early':
      case 'paused_supplement':
        // The day before the due date; due dates are at least three days (plus any pause) after receipt.
        finishedAt = dueDay - DAY + 10 * HOUR;
        break;
      case 'on_time':
        finishedAt = dueDay + 9 * HOUR;
        break;
      case 'late':
        finishedAt = dueAt + (1 + Math.floor(random() * 3)) * DAY;
        onTime = false;
        break;
      case 'multi_supplement':
        // Before its due instant, yet late: sent back for supplements twice.
        finishedAt = dueAt - 2 * HOUR;
        break;
      case 'refused':
      case 'withdrawn':
      case 'stopped':
        finishedAt = receivedAt + (1 + Math.floor(random() * 5)) * DAY;
        onTime = finishedAt <= dueAt;
        break;
      case 'open_on_time':
        break;
      case 'open_overdue': {
        emit(dueAt + HOUR, 'overdue', { scope: 'dossier', markedDueAt: new Date(dueAt).toISOString(), remainingWorkingMilliseconds: -HOUR });
        // The apology letter sets a new appointment, which becomes the dossier's due instant.
        const originalDueAt = dueAt;
        dueAt += 2 * DAY;
        emit(originalDueAt + 2 * HOUR, 'apologised', {
          originalDueAt: new Date(originalDueAt).toISOString(),
          newDueAt: new Date(dueAt).toISOString(),
          reason: 'Cần xác minh thêm',
          signer: 'lanhdao.lvt',
        });
        emit(originalDueAt + 3 * HOUR, 'handed-over', { fromStep: 'tham-dinh', toStep: 'phe-duyet', verdict: 'late' });
        break;
      }
    }
    const effectiveKind = kind;

    let rated: SyntheticDossier['rated'] = null;
    if (finishedAt !== null) {
      if (kind === 'refused' || kind === 'withdrawn' || kind === 'stopped') {
        state = kind;
        emit(finishedAt, kind, { onTime, lateForReporting, reason: 'Lý do ghi trên văn bản' });
      } else {
        state = 'result_ready';
        emit(finishedAt - HOUR, 'result-issued', { electronicResult: index % 3 === 0 });
        state = 'returned';
        emit(finishedAt, 'returned', { onTime, lateForReporting, returnMethod: channelCode === 3 ? 'post' : 'counter' });
        if (index % 4 === 0) {
          const at = finishedAt + 3 * HOUR;
          const dissatisfied = index % 8 === 0;
          emit(at, 'rated', {
            scores: { reception: 'satisfied', duration: dissatisfied ? 'dissatisfied' : 'very_satisfied' },
            dissatisfied,
            ratedAt: new Date(at).toISOString(),
          });
          rated = { at: new Date(at), dissatisfied };
        }
      }
    }
    dossiers.push({
      dossierId,
      code,
      kind: effectiveKind,
      procedureCode: procedure.code,
      fieldCode: full ? procedure.field : '',
      channelCode,
      receivingUnitCode: receiving,
      competentUnitCode: competent,
      receivedAt: new Date(receivedAt),
      dueAt: new Date(dueAt),
      finishedAt: finishedAt === null ? null : new Date(finishedAt),
      supplementRequests,
      components: full ? components : { total: 0, digitised: 0, reused: 0 },
      rated,
    });
  }
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  return { dossiers, events: events.map((event) => event.envelope) };
}
