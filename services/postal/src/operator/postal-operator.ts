import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { POSTAL_HEADERS, type MappedAddress, type PostalLeg } from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { PostalConfig } from '../postal.config';

export interface OperatorOrder {
  orderId: string;
  leg: PostalLeg;
  dossierCode: string | null;
  address: MappedAddress;
  contact: unknown;
  collectedFees: number;
}

export interface StatementLine {
  waybill: string;
  orderId: string;
  postage: number;
  collectedFees: number;
}

/** What this service needs of a postal operator; the HTTP adapter below speaks to the real one or the simulator. */
export interface PostalOperator {
  /** Idempotent by the order id: asking again answers the same waybill. */
  placeOrder(order: OperatorOrder): Promise<{ waybill: string; postage: number }>;
  statement(day: string): Promise<StatementLine[]>;
}
export const POSTAL_OPERATOR = Symbol('POSTAL_OPERATOR');

/** The signature scheme is the same both ways: HMAC-SHA256 over `timestamp.body`. */
export const signPostalMessage = (secret: string, timestamp: string, body: string) =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

@Injectable()
export class HttpPostalOperator implements PostalOperator {
  constructor(@Inject(SERVICE_CONFIG) private readonly config: PostalConfig) {}

  async placeOrder(order: OperatorOrder): Promise<{ waybill: string; postage: number }> {
    return (await this.call('POST', '/orders', JSON.stringify(order))) as { waybill: string; postage: number };
  }

  async statement(day: string): Promise<StatementLine[]> {
    return ((await this.call('GET', `/statements/${day}`, '')) as { lines: StatementLine[] }).lines;
  }

  private async call(method: string, path: string, body: string): Promise<unknown> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const response = await fetch(`${this.config.POSTAL_OPERATOR_URL}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        [POSTAL_HEADERS.timestamp]: timestamp,
        [POSTAL_HEADERS.signature]: signPostalMessage(this.config.POSTAL_OPERATOR_SECRET, timestamp, body),
      },
      body: method === 'GET' ? undefined : body,
      signal: AbortSignal.timeout(this.config.POSTAL_OPERATOR_TIMEOUT_MS),
    });
    if (!response.ok) throw new Error(`postal operator answered ${response.status} to ${method} ${path}`);
    return response.json();
  }
}
