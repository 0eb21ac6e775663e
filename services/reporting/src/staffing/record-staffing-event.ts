import { Injectable } from '@nestjs/common';
import { accountDisabledV1, roleRevokedV1, type EventDefinition, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const STAFFING_ACCOUNTS_CONSUMER = 'reporting.staffing-accounts';
export const STAFFING_GRANTS_CONSUMER = 'reporting.staffing-grants';

interface AccountEventData {
  accountId: string;
  username: string;
  kind: 'staff' | 'citizen' | 'client';
  unitCode: string | null;
  employment: 'own' | 'seconded' | null;
}

interface RoleEventData {
  grantId: string;
  accountId: string;
  role: string;
  unitCode: string;
}

/**
 * Keeps the staffing read model. Created, disabled and enabled come through
 * separate consumers, so each carries the whole account and the newest event
 * (by the instant it happened) wins whatever the order of handling. A grant is
 * granted once and revoked at most once, so "revoked" only ever turns on. A
 * redelivered event changes nothing.
 */
@Injectable()
export class RecordStaffingEvent {
  constructor(private readonly inbox: Inbox) {}

  async account(definition: EventDefinition<AccountEventData>, event: EventEnvelope): Promise<boolean> {
    const data = definition.schema.parse(event.data);
    return this.inbox.handleOnce(STAFFING_ACCOUNTS_CONSUMER, event.id, async (manager) => {
      // Citizens and machine clients never work at a counter; their accounts are not kept.
      if (data.kind !== 'staff') return;
      await manager.query(
        `INSERT INTO staffing_accounts (account_id, username, kind, unit_code, employment, disabled, source_event_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (account_id) DO UPDATE
           SET username = EXCLUDED.username, kind = EXCLUDED.kind, unit_code = EXCLUDED.unit_code,
               employment = EXCLUDED.employment, disabled = EXCLUDED.disabled, source_event_at = EXCLUDED.source_event_at
           WHERE staffing_accounts.source_event_at <= EXCLUDED.source_event_at`,
        [data.accountId, data.username, data.kind, data.unitCode, data.employment, definition === accountDisabledV1, event.occurredAt],
      );
    });
  }

  async grant(definition: EventDefinition<RoleEventData>, event: EventEnvelope): Promise<boolean> {
    const data = definition.schema.parse(event.data);
    return this.inbox.handleOnce(STAFFING_GRANTS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO staffing_grants (grant_id, account_id, role, unit_code, revoked, source_event_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (grant_id) DO UPDATE
           SET revoked = staffing_grants.revoked OR EXCLUDED.revoked,
               source_event_at = GREATEST(staffing_grants.source_event_at, EXCLUDED.source_event_at)`,
        [data.grantId, data.accountId, data.role, data.unitCode, definition === roleRevokedV1, event.occurredAt],
      );
    });
  }
}
