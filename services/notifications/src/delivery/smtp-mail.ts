import type { Readable } from 'node:stream';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { NotificationsConfig } from '../notifications.config';
import { ProviderRejected, ProviderUnanswered, type MessageChannel, type OutgoingMessage, type SentMessage } from './channel';

/**
 * E-mail over SMTP (nodemailer): a local sink in the default profile, a mail
 * catcher in compose, the province's relay in production. A 5xx answer is a
 * refusal of this message; no answer once the message was written is
 * unanswered (the server may have taken it); anything else is tried again.
 */
@Injectable()
export class SmtpMailChannel implements MessageChannel, OnApplicationShutdown {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;
  /** The stream of each message being sent, by Message-ID. */
  private readonly written = new Map<string, Readable>();

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
    // nodemailer reports a timeout or a drop alike (command CONN) at every step. The message's own stream tells the steps apart:
    // it is read only once the server accepted the envelope (DATA answered 354), and has ended once all of it, but the final dot, was written.
    this.transport.use('stream', (mail, done) => {
      const open = mail.message.createReadStream.bind(mail.message);
      mail.message.createReadStream = () => {
        const stream = open();
        this.written.set(String(mail.data.messageId), stream);
        return stream;
      };
      done();
    });
  }

  async send(message: OutgoingMessage): Promise<SentMessage> {
    const messageId = `<${message.id}@mot-cua>`;
    try {
      const info = await this.transport.sendMail({
        from: this.config.SMTP_FROM,
        to: message.recipient,
        subject: message.subject ?? '',
        text: message.body,
        // Our id as the Message-ID: a mail sent again after a lost answer is recognisable as the same one.
        messageId,
      });
      return { providerMessageId: info.messageId, units: 1 };
    } catch (error) {
      // The server's own words may quote the address: only the codes go on, into the row and the log.
      const { responseCode, code } = error as { responseCode?: number; code?: string };
      if (responseCode !== undefined && responseCode >= 500) throw new ProviderRejected(`SMTP refused: ${responseCode}`);
      // No answer to the message itself: the server may have queued it, so it is not sent again blindly.
      if (responseCode === undefined && this.written.get(messageId)?.readableEnded) throw new ProviderUnanswered(`SMTP no answer after the message: ${code ?? 'no answer'}`);
      throw new Error(`SMTP not sent: ${responseCode ?? code ?? 'no answer'}`);
    } finally {
      this.written.delete(messageId);
    }
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
