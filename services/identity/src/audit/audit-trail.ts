import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface AuditEntry {
  actor: string;
  action: string;
  targetType: 'unit' | 'account' | 'role_grant' | 'sign_in';
  targetId: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit log in the caller's transaction, so a change and its record commit together. */
@Injectable()
export class AuditTrail {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      'INSERT INTO audit_log (actor, action, target_type, target_id, before, after) VALUES ($1, $2, $3, $4, $5, $6)',
      [
        entry.actor,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
      ],
    );
  }
}
