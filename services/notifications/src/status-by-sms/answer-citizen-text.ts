import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { CHANNELS, DOSSIER_STATE_LABELS, inboundSmsSchema, parseInput, type Channel, type DossierState, type NotificationKind, type ProviderReceipt } from '@mc/contracts';
import { CLOCK, SERVICE_CONFIG, type Clock } from '@mc/service-runtime';
import { checkProviderToken } from '../delivery/provider-token';
import { queueMessages } from '../delivery/queue-messages';
import { displayDate } from '../display';
import type { NotificationsConfig } from '../notifications.config';
import { TemplateCache } from '../templates/template-cache';

/**
 * `MC 05983-261207-0001`: the status. `TC <mã>`: stop telling me (từ chối).
 * `DK <mã> [SMS] [ZALO] [EMAIL]`: tell me again, on these channels (đăng ký;
 * SMS when none is named).
 */
const COMMAND = /^\s*(MC|TC|DK)\s+([A-Z0-9.]{2,40}-\d{6}-\d{4,})((?:\s+(?:SMS|ZALO|EMAIL))*)\s*$/i;

/** 84912345678 and 0912345678 are one number. */
const national = (phone: string) => phone.replace(/^84/, '0');

const CHANNEL_NAMES: Record<Channel, string> = { sms: 'SMS', zalo: 'Zalo', email: 'thư điện tử' };

interface TextedDossier {
  id: string;
  code: string;
  procedure_name: string;
  state: DossierState;
  due_at: Date;
  phone: string | null;
  email: string | null;
}

type Answer = { kind: NotificationKind; dossier: TextedDossier | null; data: Record<string, string> };

/**
 * A citizen texts the province's short code about their dossier: its status,
 * or a change of the channels they are told on (withdrawing consent, or
 * giving it again). Only a text from the phone number on that dossier is
 * acted on. Anything else (an unknown code, someone else's dossier, a
 * dossier whose applicant gave no number, a malformed text) gets the same
 * refusal, which says nothing of whether the dossier exists. Answered once
 * per incoming text, however often the gateway delivers it; never held by
 * quiet hours. A withdrawal also cancels what was queued and not yet sent.
 */
@Injectable()
export class AnswerCitizenText {
  constructor(
    private readonly dataSource: DataSource,
    private readonly templates: TemplateCache,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig,
  ) {}

  async execute(token: string | undefined, body: unknown): Promise<ProviderReceipt> {
    checkProviderToken(this.config.PROVIDER_CALLBACK_TOKEN, token);
    const sms = parseInput(inboundSmsSchema, body);
    const from = national(sms.from);
    const [, keyword, code, words] = COMMAND.exec(sms.text) ?? [];
    const now = this.clock.now();
    await this.dataSource.transaction(async (manager) => {
      const [dossier]: TextedDossier[] =
        keyword && code ? await manager.query('SELECT id, code, procedure_name, state, due_at, phone, email FROM dossiers WHERE code = $1 FOR UPDATE', [code.toUpperCase()]) : [];
      const own = keyword && dossier?.phone && national(dossier.phone) === from ? dossier : null;
      const answer = own && keyword ? await this.act(manager, keyword.toUpperCase(), words ?? '', own) : { kind: 'status_refused' as const, dossier: null, data: {} };
      await queueMessages(
        manager,
        this.templates,
        { eventId: `sms-in:${sms.messageId}`, eventAt: null, kind: answer.kind, dossierId: answer.dossier?.id ?? null, dossierCode: answer.dossier?.code ?? null, data: answer.data, now },
        { phone: from, email: null, channels: ['sms'] },
      );
    });
    return { accepted: true };
  }

  private async act(manager: EntityManager, keyword: string, words: string, dossier: TextedDossier): Promise<Answer> {
    if (keyword === 'MC') {
      return {
        kind: 'status_reply',
        dossier,
        data: { code: dossier.code, procedureName: dossier.procedure_name, stateLabel: DOSSIER_STATE_LABELS[dossier.state], dueDate: displayDate(dossier.due_at) },
      };
    }
    if (keyword === 'TC') {
      await manager.query(`UPDATE dossiers SET consent = false, channels = '{}' WHERE id = $1`, [dossier.id]);
      await manager.query(`UPDATE messages SET status = 'withdrawn' WHERE dossier_id = $1 AND status = 'pending' AND event_at IS NOT NULL`, [dossier.id]);
      return { kind: 'consent_withdrawn', dossier, data: { code: dossier.code } };
    }
    const named = CHANNELS.filter((channel) => new RegExp(`\\b${channel}\\b`, 'i').test(words));
    // E-mail only when the applicant gave an address at receipt; SMS when nothing named can reach them.
    const reachable = named.filter((channel) => channel !== 'email' || dossier.email);
    const channels = reachable.length ? reachable : (['sms'] as Channel[]);
    await manager.query('UPDATE dossiers SET consent = true, channels = $2 WHERE id = $1', [dossier.id, channels]);
    return { kind: 'preferences_changed', dossier, data: { code: dossier.code, channels: channels.map((channel) => CHANNEL_NAMES[channel]).join(', ') } };
  }
}
