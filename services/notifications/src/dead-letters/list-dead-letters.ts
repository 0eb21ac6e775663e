import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Channel, DeadLetterList, NotificationKind } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { displayInstant } from '../display';
import { maskRecipient, messageScope } from './staff-scope';

/** Messages given up on (refused by the provider, or failing every attempt), newest first, for a clerk to act on. */
@Injectable()
export class ListDeadLetters {
  constructor(private readonly dataSource: DataSource) {}

  async execute(limit: number, principal: Principal): Promise<DeadLetterList> {
    const scope = messageScope(principal);
    const rows: { id: string; dossier_code: string | null; kind: NotificationKind; channel: Channel; recipient: string; attempts: number; last_error: string | null; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT m.id, m.dossier_code, m.kind, m.channel, m.recipient, m.attempts, m.last_error, m.created_at
           FROM messages m LEFT JOIN dossiers d ON d.id = m.dossier_id
          WHERE m.status = 'dead' AND ($1 OR d.receiving_unit_code = ANY ($2))
          ORDER BY m.created_at DESC LIMIT $3`,
        [scope.all, scope.units, limit],
      );
    return {
      messages: rows.map((row) => ({
        id: row.id,
        dossierCode: row.dossier_code,
        kind: row.kind,
        channel: row.channel,
        recipient: maskRecipient(row.recipient),
        attempts: row.attempts,
        lastError: row.last_error,
        createdAt: new Date(row.created_at).toISOString(),
        createdAtDisplay: displayInstant(row.created_at),
      })),
    };
  }
}
