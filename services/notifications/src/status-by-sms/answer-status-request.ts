import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DOSSIER_STATE_LABELS, inboundSmsSchema, parseInput, type DossierState, type ProviderReceipt } from '@mc/contracts';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import { checkProviderToken } from '../delivery/provider-token';
import { queueMessages } from '../delivery/queue-messages';
import { displayDate } from '../display';
import type { NotificationsConfig } from '../notifications.config';

/** `MC 05983-261207-0001`: the keyword, then the code printed on the receipt. */
const REQUEST = /^\s*MC\s+([A-Z0-9.]{2,40}-\d{6}-\d{4,})\s*$/i;

/** 84912345678 and 0912345678 are one number. */
const national = (phone: string) => phone.replace(/^84/, '0');

/**
 * A citizen texts a dossier code to the province's short code: the status
 * goes back only when the text came from the phone number on that dossier.
 * Anything else (an unknown code, someone else's dossier, a dossier whose
 * applicant gave no number, a malformed text) gets the same refusal, which
 * says nothing of whether the dossier exists. Answered once per incoming
 * text, however often the gateway delivers it; never held by quiet hours.
 */
@Injectable()
export class AnswerStatusRequest {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute(token: string | undefined, body: unknown): Promise<ProviderReceipt> {
    checkProviderToken(this.config.PROVIDER_CALLBACK_TOKEN, token);
    const sms = parseInput(inboundSmsSchema, body);
    const from = national(sms.from);
    const code = REQUEST.exec(sms.text)?.[1]?.toUpperCase();
    await this.dataSource.transaction(async (manager) => {
      const [dossier]: { id: string; code: string; procedure_name: string; state: DossierState; due_at: Date; phone: string | null }[] = code
        ? await manager.query('SELECT id, code, procedure_name, state, due_at, phone FROM dossiers WHERE code = $1', [code])
        : [];
      const own = dossier?.phone !== undefined && dossier.phone !== null && national(dossier.phone) === from;
      await queueMessages(
        manager,
        {
          eventId: `sms-in:${sms.messageId}`,
          kind: own ? 'status_reply' : 'status_refused',
          dossierId: own ? dossier.id : null,
          dossierCode: own ? dossier.code : null,
          data: own ? { code: dossier.code, procedureName: dossier.procedure_name, stateLabel: DOSSIER_STATE_LABELS[dossier.state], dueDate: displayDate(dossier.due_at) } : {},
          now: this.clock.now(),
        },
        { phone: from, email: null, channels: ['sms'] },
      );
    });
    return { accepted: true };
  }
}
