import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { queryPrepared } from '@mc/persistence';
import type { DossierRow } from '../dossiers/dossier-row';

interface PostalDetails {
  leg: 'pickup' | 'return';
  status: string;
  label: string;
  waybill: string;
  eventTime: string;
}

export type TrackedRow = Pick<DossierRow, 'code' | 'tracking_token' | 'procedure_name' | 'state' | 'received_at' | 'due_at' | 'workflow' | 'step_index'> & {
  postal: PostalDetails[];
};

interface Waiting {
  resolve(row: TrackedRow | undefined): void;
  reject(error: unknown): void;
}

/** At this many codes a batch goes out at once, not at the end of the turn: one statement's array and rows stay small. */
const MOST_CODES_PER_STATEMENT = 200;

// Only what the answer shows, and the postal steps in the same round trip; the postal steps come through the partial
// index dossier_history_postal.
const TRACKED_ROWS = `SELECT d.code, d.tracking_token, d.procedure_name, d.state, d.received_at, d.due_at, d.workflow, d.step_index,
        coalesce((SELECT jsonb_agg(h.entry->'details') FROM dossier_history h WHERE h.dossier_id = d.id AND h.entry->>'action' = 'postal'), '[]') AS postal
   FROM dossiers d WHERE d.code = ANY($1::text[])`;

/**
 * The rows public tracking reads, by code. The public lookup is the busiest request there is, and for a one-row read
 * the round trip costs more than the read: each statement is a socket write here, a wake-up, bind and execute in
 * Postgres, and a reply to parse. So the lookups that arrive in one turn of the event loop (a NATS read brings many)
 * share one prepared statement over all their codes, and each gets its own row back.
 */
@Injectable()
export class TrackedDossiers {
  private waiting = new Map<string, Waiting[]>();
  private flushScheduled = false;

  constructor(private readonly dataSource: DataSource) {}

  /** The dossier with this code, or undefined when there is none. */
  find(code: string): Promise<TrackedRow | undefined> {
    return new Promise((resolve, reject) => {
      const forCode = this.waiting.get(code);
      if (forCode) forCode.push({ resolve, reject });
      else this.waiting.set(code, [{ resolve, reject }]);
      if (this.waiting.size >= MOST_CODES_PER_STATEMENT) this.flush();
      else if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(this.flushAtTurnEnd);
      }
    });
  }

  private readonly flushAtTurnEnd = (): void => {
    this.flushScheduled = false;
    this.flush();
  };

  private flush(): void {
    const batch = this.waiting;
    if (batch.size === 0) return;
    this.waiting = new Map();
    queryPrepared<TrackedRow>(this.dataSource.manager, TRACKED_ROWS, [[...batch.keys()]]).then(
      (rows) => {
        const byCode = new Map(rows.map((row) => [row.code, row]));
        for (const [code, waiters] of batch) for (const waiter of waiters) waiter.resolve(byCode.get(code));
      },
      (error: unknown) => {
        for (const waiters of batch.values()) for (const waiter of waiters) waiter.reject(error);
      },
    );
  }
}
