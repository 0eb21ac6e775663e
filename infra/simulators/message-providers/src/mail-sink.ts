import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { answer, HttpSimulator } from './http-simulator';

export interface MailSinkOptions {
  smtpPort?: number;
  /** How long the server takes to answer a message it has already kept (after the final dot), as a slow relay does. */
  answerDelayMs?: number;
  /** The page to read the mail on. */
  webPort?: number;
  host?: string;
}

export interface CaughtMail {
  id: number;
  messageId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  at: Date;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The default profile's mail server: takes every message over SMTP and keeps
 * it in memory, with a page listing what arrived (newest first) and the same
 * as JSON. `failNext` answers 451 (try later) to the next recipients, as a
 * busy relay does; `answerDelayMs` keeps a message and answers late. A
 * message sent twice is kept twice, as a relay would deliver it.
 */
export class MailSink {
  readonly mail: CaughtMail[] = [];
  private failures = 0;
  private smtp: SMTPServer | undefined;
  private readonly web: HttpSimulator;
  smtpPort = 0;
  /** Settable while running, as the relay's slow minutes come and go. */
  answerDelayMs: number;

  private constructor(private readonly options: MailSinkOptions) {
    this.web = new HttpSimulator((request, response) => this.page(request, response), options.webPort, options.host);
    this.answerDelayMs = options.answerDelayMs ?? 0;
  }

  static async start(options: MailSinkOptions = {}): Promise<MailSink> {
    const sink = new MailSink(options);
    await sink.listen();
    return sink;
  }

  get webUrl(): string {
    return this.web.url;
  }

  failNext(count: number): void {
    this.failures = count;
  }

  async close(): Promise<void> {
    await this.web.close();
    const smtp = this.smtp;
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo: (_address, _session, callback) => {
        if (this.failures > 0) {
          this.failures -= 1;
          return callback(Object.assign(new Error('Hộp thư tạm thời bận, thử lại sau'), { responseCode: 451 }));
        }
        callback();
      },
      onData: (stream, _session, callback) => {
        simpleParser(stream).then(
          (parsed) => {
            const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : (parsed.to?.text ?? '');
            this.mail.push({
              id: this.mail.length + 1,
              messageId: parsed.messageId ?? '',
              from: parsed.from?.text ?? '',
              to,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              at: new Date(),
            });
            if (this.answerDelayMs > 0) setTimeout(callback, this.answerDelayMs);
            else callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve, reject) => {
      smtp.once('error', reject);
      smtp.listen(this.options.smtpPort ?? 0, this.options.host ?? '127.0.0.1', () => resolve());
    });
    // Once listening, an error is one client's (a sender stopped with its pooled connection open resets it):
    // a mail server goes on serving the others, as a real relay does.
    smtp.on('error', () => undefined);
    this.smtp = smtp;
    this.smtpPort = ((smtp as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    await this.web.listen();
  }

  private async page(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (request.url === '/messages') return answer(response, 200, { messages: this.mail });
    const rows = [...this.mail]
      .reverse()
      .map(
        (mail) =>
          `<article><h2>${escape(mail.subject)}</h2><p><b>Từ:</b> ${escape(mail.from)}<br><b>Đến:</b> ${escape(mail.to)}<br><b>Lúc:</b> ${mail.at.toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' })}</p><pre>${escape(mail.text)}</pre></article>`,
      )
      .join('\n');
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Hộp thư thử nghiệm</title>` +
        `<style>body{font-family:sans-serif;max-width:50rem;margin:auto;padding:1rem}article{border-bottom:1px solid #ccc;padding:.5rem 0}pre{white-space:pre-wrap}</style></head>` +
        `<body><main><h1>Hộp thư thử nghiệm (${this.mail.length} thư)</h1>${rows || '<p>Chưa có thư nào.</p>'}</main></body></html>`,
    );
  }
}
