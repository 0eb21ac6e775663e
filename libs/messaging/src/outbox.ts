import type { EntityManager } from 'typeorm';
import { eventEnvelope, type EventDefinition, type EventEnvelope } from '@mc/contracts';
import { currentTraceHeaders } from '@mc/observability';
import { queryPrepared } from '@mc/persistence';

/** Adds a parameter to the caller's statement and returns its placeholder (`$3`). */
export type BindParameter = (value: unknown) => string;

/** Where the event row of a larger statement is selected from, and which of its data fields come from that row. */
export interface OutboxInsertSource<T> {
  /** A table or common table expression of the caller's statement, e.g. `dossier`. */
  from: string;
  /** Data fields filled in by the statement itself, as SQL expressions over `from`, e.g. `{code: 'dossier.code'}`. */
  fields?: Partial<Record<keyof T & string, string>>;
  /**
   * The common table expression of another event of the same statement that
   * this one must follow on the bus. Sibling CTEs run in no guaranteed order;
   * reading the earlier event's row makes its sequence number the lower one.
   */
  after?: string;
}

/**
 * Writes events in the caller's transaction: the event exists if and only if
 * the state change it describes was committed.
 */
export class Outbox {
  /** `announce` tells this process's relay that an event is about to commit (`OutboxRelay.expectRows`). */
  constructor(private readonly announce: () => void = () => undefined) {}

  async add<T>(manager: EntityManager, definition: EventDefinition<T>, data: T): Promise<EventEnvelope<T>> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('Outbox.add must run inside a transaction');
    }
    const row = this.row(definition, data);
    await queryPrepared(manager, 'INSERT INTO outbox (id, subject, envelope, headers) VALUES ($1, $2, $3, $4)', [
      row.id,
      row.subject,
      JSON.stringify(row.envelope),
      JSON.stringify(row.headers),
    ]);
    this.announce();
    return row.envelope;
  }

  /**
   * The INSERT of an event as one part of a caller's larger statement (a
   * data-modifying CTE of its transaction), with the same guarantee as add.
   * `data` is checked against the schema as given; a field the statement
   * fills in (a number taken in the same statement) is given a placeholder of
   * the same form and replaced by its SQL expression.
   */
  insertStatement<T>(definition: EventDefinition<T>, data: T, bind: BindParameter, source: OutboxInsertSource<T>): string {
    const row = this.row(definition, data);
    let envelope = `${bind(JSON.stringify(row.envelope))}::jsonb`;
    for (const [field, expression] of Object.entries(source.fields ?? {})) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(field)) throw new Error(`Outbox.insertStatement: bad field name ${field}`);
      envelope = `jsonb_set(${envelope}, '{data,${field}}', to_jsonb(${expression as string}))`;
    }
    if (source.after !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(source.after)) throw new Error(`Outbox.insertStatement: bad name ${source.after}`);
    const from = source.after === undefined ? source.from : `${source.from} CROSS JOIN ${source.after}`;
    this.announce();
    return `INSERT INTO outbox (id, subject, envelope, headers)
         SELECT ${bind(row.id)}, ${bind(row.subject)}, ${envelope}, ${bind(JSON.stringify(row.headers))} FROM ${from} RETURNING seq`;
  }

  private row<T>(definition: EventDefinition<T>, data: T) {
    const envelope = eventEnvelope(definition, data);
    return { id: envelope.id, subject: definition.subject, envelope, headers: currentTraceHeaders() };
  }
}
