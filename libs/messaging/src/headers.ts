import { headers as natsHeaders, type MsgHdrs } from '@nats-io/transport-node';

/** Header names that travel on the bus; lower-case like HTTP/2. */
export const BusHeader = {
  authorization: 'authorization',
  traceparent: 'traceparent',
  tracestate: 'tracestate',
  idempotencyKey: 'idempotency-key',
  deadLetterReason: 'mc-dead-letter-reason',
  deadLetterDeliveries: 'mc-dead-letter-deliveries',
  originalSubject: 'mc-original-subject',
} as const;

export function toMsgHdrs(record: Record<string, string | undefined>): MsgHdrs {
  const h = natsHeaders();
  for (const [key, value] of Object.entries(record)) if (value !== undefined) h.set(key, value);
  return h;
}

export function fromMsgHdrs(h: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  for (const key of h.keys()) out[key.toLowerCase()] = h.get(key);
  return out;
}
