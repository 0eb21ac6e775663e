import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SequencedEvent } from '@mc/messaging';
import { applyDossierEvent, BatchEffects, DAILY_COUNTERS, type DossierFact } from '../read-models/dossier-fact';
import { forgetOpenCountsFrom, openCountsChangedFrom } from '../read-models/open-counts';

export interface AppliedBatch {
  applied: number;
  duplicates: number;
  orphans: number;
}

const FACT_COLUMNS = [
  ['dossier_id', 'uuid', 'dossierId'],
  ['code', 'text', 'code'],
  ['procedure_code', 'text', 'procedureCode'],
  ['procedure_name', 'text', 'procedureName'],
  ['field_code', 'text', 'fieldCode'],
  ['channel_code', 'smallint', 'channelCode'],
  ['receiving_unit_code', 'text', 'receivingUnitCode'],
  ['competent_unit_code', 'text', 'competentUnitCode'],
  ['applicant_name', 'text', 'applicantName'],
  ['received_at', 'timestamptz', 'receivedAt'],
  ['due_at', 'timestamptz', 'dueAt'],
  ['finished_at', 'timestamptz', 'finishedAt'],
  ['state', 'text', 'state'],
  ['outcome', 'text', 'outcome'],
  ['supplement_requests', 'integer', 'supplementRequests'],
  ['late_for_reporting', 'boolean', 'lateForReporting'],
  ['paused_ms', 'bigint', 'pausedMs'],
  ['components_total', 'integer', 'componentsTotal'],
  ['components_digitised', 'integer', 'componentsDigitised'],
  ['components_reused', 'integer', 'componentsReused'],
  ['return_method', 'text', 'returnMethod'],
  ['electronic_result', 'boolean', 'electronicResult'],
  ['apologies', 'jsonb', 'apologies'],
  ['extensions', 'jsonb', 'extensions'],
  ['overdue_marked', 'boolean', 'overdueMarked'],
  ['rating', 'jsonb', 'rating'],
  ['last_event_at', 'timestamptz', 'lastEventAt'],
] as const satisfies readonly (readonly [string, string, keyof DossierFact])[];

/** A stored fact as the in-memory rules use it: instants as ISO strings, bigints as numbers. */
const fromRow = (row: Record<string, unknown>): DossierFact =>
  Object.fromEntries(
    FACT_COLUMNS.map(([column, type, key]) => {
      const value = row[column];
      if (type === 'timestamptz') return [key, value === null ? null : (value as Date).toISOString()];
      return [key, type === 'bigint' ? Number(value) : value];
    }),
  ) as unknown as DossierFact;

const FACT_UPSERT = `
  INSERT INTO dossier_facts (${FACT_COLUMNS.map(([column]) => column).join(', ')})
  SELECT ${FACT_COLUMNS.map(([column]) => column).join(', ')}
  FROM jsonb_to_recordset($1::jsonb) AS x(${FACT_COLUMNS.map(([column, type]) => `${column} ${type}`).join(', ')})
  ON CONFLICT (dossier_id) DO UPDATE SET
    ${FACT_COLUMNS.slice(1)
      .map(([column]) => `${column} = EXCLUDED.${column}`)
      .join(',\n    ')}`;

/**
 * Adds a batch's day deltas to the day counters or, summed by month, to the
 * month counters; the same deltas feed both, so they cannot disagree.
 */
const counterUpsert = (table: 'daily_stats' | 'monthly_stats', period: 'day' | 'month') => `
  INSERT INTO ${table} (${period}, unit_code, procedure_code, channel_code, field_code, ${DAILY_COUNTERS.join(', ')})
  SELECT ${period === 'day' ? 'day' : `date_trunc('month', day)::date`}, unit_code, procedure_code, channel_code, max(field_code),
         ${DAILY_COUNTERS.map((name) => `COALESCE(sum(${name}), 0)`).join(', ')}
  FROM jsonb_to_recordset($1::jsonb) AS x(day date, unit_code text, procedure_code text, channel_code smallint, field_code text,
    ${DAILY_COUNTERS.map((name) => `${name} ${name === 'processing_ms' ? 'bigint' : 'integer'}`).join(', ')})
  GROUP BY 1, 2, 3, 4
  ON CONFLICT (${period}, unit_code, procedure_code, channel_code) DO UPDATE SET
    field_code = COALESCE(EXCLUDED.field_code, ${table}.field_code),
    ${DAILY_COUNTERS.map((name) => `${name} = ${table}.${name} + EXCLUDED.${name}`).join(',\n    ')}`;
const DAILY_UPSERT = counterUpsert('daily_stats', 'day');
const MONTHLY_UPSERT = counterUpsert('monthly_stats', 'month');

/**
 * Applies one batch of dossier events, in stream order, in the caller's
 * transaction: the inbox drops events already applied, the batch's facts are
 * read in one query, changed in memory, and written back with day counters in
 * a few set-based statements — a batch costs the same handful of round trips
 * whether it holds one event or a thousand.
 */
@Injectable()
export class ApplyDossierEvents {
  async execute(manager: EntityManager, events: SequencedEvent[]): Promise<AppliedBatch> {
    if (!events.length) return { applied: 0, duplicates: 0, orphans: 0 };
    const inserted: { event_id: string }[] = await manager.query(
      'INSERT INTO projection_inbox (event_id) SELECT unnest($1::uuid[]) ON CONFLICT DO NOTHING RETURNING event_id',
      [events.map((event) => event.envelope.id)],
    );
    const fresh = new Set(inserted.map((row) => row.event_id));
    // The same id twice in one batch is inserted once: keep its first occurrence only.
    const todo = events.filter((event) => fresh.delete(event.envelope.id));
    const lastSequence = Math.max(...events.map((event) => event.streamSequence));
    if (!todo.length) {
      await manager.query('UPDATE projection_state SET last_stream_seq = greatest(last_stream_seq, $1), updated_at = now() WHERE name = $2', [
        lastSequence,
        'dossier',
      ]);
      return { applied: 0, duplicates: events.length, orphans: 0 };
    }

    const effects = new BatchEffects();
    const ids = [...new Set(todo.map((event) => (event.envelope.data as { dossierId: string }).dossierId))];
    const rows: Record<string, unknown>[] = await manager.query('SELECT * FROM dossier_facts WHERE dossier_id = ANY($1::uuid[])', [ids]);
    for (const fact of rows.map(fromRow)) effects.facts.set(fact.dossierId, fact);
    // Facts are changed in place below; keep what they were, to know which open counts they change.
    const before = new Map([...effects.facts].map(([id, fact]) => [id, { ...fact }]));
    let newest = 0;
    for (const event of todo) {
      applyDossierEvent(effects, event.envelope);
      newest = Math.max(newest, Date.parse(event.envelope.occurredAt));
    }

    const changed = [...effects.changed]
      .map((id) => effects.facts.get(id))
      .filter((fact): fact is DossierFact => fact !== undefined)
      .map((fact) => Object.fromEntries(FACT_COLUMNS.map(([column, , key]) => [column, fact[key]])));
    if (changed.length) await manager.query(FACT_UPSERT, [JSON.stringify(changed)]);
    let openCountsFrom = Number.POSITIVE_INFINITY;
    for (const id of effects.changed) {
      const fact = effects.facts.get(id);
      const from = fact ? openCountsChangedFrom(before.get(id), fact) : null;
      if (from !== null) openCountsFrom = Math.min(openCountsFrom, from);
    }
    if (openCountsFrom !== Number.POSITIVE_INFINITY) await forgetOpenCountsFrom(manager, openCountsFrom);
    const deltas = [...effects.deltas.values()].map((delta) => ({
      day: delta.day,
      unit_code: delta.unitCode,
      procedure_code: delta.procedureCode,
      channel_code: delta.channelCode,
      field_code: delta.fieldCode,
      ...delta.counters,
    }));
    if (deltas.length) {
      const json = JSON.stringify(deltas);
      await manager.query(DAILY_UPSERT, [json]);
      await manager.query(MONTHLY_UPSERT, [json]);
    }
    if (effects.ratings.length) {
      await manager.query(
        `INSERT INTO ratings (dossier_id, unit_code, procedure_code, rated_at, scores, dissatisfied)
         SELECT dossier_id, unit_code, procedure_code, rated_at, scores, dissatisfied
         FROM jsonb_to_recordset($1::jsonb) AS x(dossier_id uuid, unit_code text, procedure_code text, rated_at timestamptz, scores jsonb, dissatisfied boolean)
         ON CONFLICT (dossier_id) DO NOTHING`,
        [
          JSON.stringify(
            effects.ratings.map((rating) => ({
              dossier_id: rating.dossierId,
              unit_code: rating.unitCode,
              procedure_code: rating.procedureCode,
              rated_at: rating.ratedAt,
              scores: rating.scores,
              dissatisfied: rating.dissatisfied,
            })),
          ),
        ],
      );
    }
    const procedures = new Map<string, { code: string; name: string; field_code: string | null }>();
    for (const event of todo) {
      if (event.envelope.type !== 'dossier.received') continue;
      const data = event.envelope.data as { procedureCode: string; procedureName?: string; fieldCode?: string };
      if (data.procedureName) procedures.set(data.procedureCode, { code: data.procedureCode, name: data.procedureName, field_code: data.fieldCode ?? null });
    }
    if (procedures.size) {
      await manager.query(
        `INSERT INTO procedures (code, name, field_code)
         SELECT code, name, field_code FROM jsonb_to_recordset($1::jsonb) AS x(code text, name text, field_code text)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, field_code = COALESCE(EXCLUDED.field_code, procedures.field_code)
           WHERE procedures.name IS DISTINCT FROM EXCLUDED.name OR procedures.field_code IS DISTINCT FROM EXCLUDED.field_code`,
        [JSON.stringify([...procedures.values()])],
      );
    }
    await manager.query(
      `UPDATE projection_state
          SET last_event_at = greatest(last_event_at, $1::timestamptz),
              last_stream_seq = greatest(last_stream_seq, $2),
              events_applied = events_applied + $3,
              orphan_events = orphan_events + $4,
              updated_at = now()
        WHERE name = 'dossier'`,
      [new Date(newest).toISOString(), lastSequence, todo.length, effects.orphans],
    );
    return { applied: todo.length, duplicates: events.length - todo.length, orphans: effects.orphans };
  }
}
