import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { NotificationsConfig } from '../notifications.config';
import { ProviderRejected, type MessageChannel, type OutgoingMessage, type SentMessage } from './channel';

/**
 * E-mail over SMTP (nodemailer): a local sink in the default profile, a mail
 * catcher in compose, the province's relay in production. A 5xx answer is a
 * refusal of this message; anything else is tried again.
 */
@Injectable()
export class SmtpMailChannel implements MessageChannel, OnApplicationShutdown {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: NotificationsConfig) {
    this.transport = createTransport({
      host: config.SMTP_HOST,
      port: config.SMTP_PORT,
      secure: false,
      pool: true,
      maxConnections: 4,
      connectionTimeout: config.NOTIFY_PROVIDER_TIMEOUT_MS,
      greetingTimeout: config.NOTIFY_PROVIDER_TIMEOUT_MS,
      socketTimeout: config.NOTIFY_PROVIDER_TIMEOUT_MS,
    });
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    try {
      const info = await this.transport.sendMail({
        from: this.config.SMTP_FROM,
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.body,
        // Our id as the Message-ID: a mail sent again after a lost answer is recognisable as the same one.
        messageId: `<${message.id}@mot-cua>`,
      });
      return { providerMessageId: info.messageId, units: 1 };
    } catch (error) {
      // The server's own words may quote the address: only the codes go on, into the row and the log.
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      if (responseCode !== undefined && responseCode >= 500) throw new ProviderRejected(`SMTP refused: ${responseCode}`);
      throw new Error(`SMTP not sent: ${responseCode ?? code ?? 'no answer'}`);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
