/**
 * A logical backup of a namespace's JetStream streams up to a cut: each
 * stream's configuration and its messages (subject, headers, data) from the
 * first to the sequence read at the cut, as JSON lines; restored into an
 * empty server by creating the streams again and publishing the messages in
 * order with the sequence each must land on, so the restored streams hold the
 * same events at the same sequences. Consumers are not copied: the services
 * create their durables again and get every event redelivered, which their
 * handlers take idempotently (at-least-once delivery demands it anyway), and a
 * projection that keeps a high-water mark skips what it already applied.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { jetstream, jetstreamManager, type StreamConfig } from '@nats-io/jetstream';
import { connect, headers as natsHeaders } from '@nats-io/transport-node';

interface StreamLine {
  stream: StreamConfig;
}
interface MessageLine {
  name: string;
  seq: number;
  subject: string;
  headers: [string, string[]][];
  data: string;
}

/** The last sequence of every stream of the namespace (and the dead-letter stream), as it is now. */
export async function streamSequences(natsUrl: string, namespace: string): Promise<Record<string, number>> {
  const nc = await connect({ servers: natsUrl, reconnect: false });
  try {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const prefix = `${namespace.toUpperCase().replace(/-/g, '_')}_`;
    const sequences: Record<string, number> = {};
    for await (const stream of jsm.streams.list()) if (stream.config.name.startsWith(prefix)) sequences[stream.config.name] = stream.state.last_seq;
    return sequences;
  } finally {
    await nc.close();
  }
}

/** Writes each stream's configuration and its messages up to `upTo[stream]` to `file`; returns the messages written per stream. */
export async function backupStreams(natsUrl: string, upTo: Record<string, number>, file: string): Promise<Record<string, number>> {
  const nc = await connect({ servers: natsUrl, reconnect: false });
  const out = createWriteStream(file);
  const write = (line: StreamLine | MessageLine) => new Promise<void>((resolve) => (out.write(`${JSON.stringify(line)}\n`) ? resolve() : out.once('drain', () => resolve())));
  try {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const js = jetstream(nc, { checkAPI: false });
    const written: Record<string, number> = {};
    for (const [name, last] of Object.entries(upTo)) {
      const info = await jsm.streams.info(name);
      await write({ stream: info.config });
      written[name] = 0;
      if (last === 0) continue;
      // Sequences are kept only if nothing before the cut was removed: a limits stream without an age or size limit.
      if (info.state.first_seq !== 1) throw new Error(`${name} begins at sequence ${info.state.first_seq}: messages were removed, the sequences cannot be kept`);
      const consumer = await js.consumers.get(name);
      const messages = await consumer.consume();
      for await (const message of messages) {
        if (message.seq > last) break;
        const headers: [string, string[]][] = message.headers ? message.headers.keys().map((key) => [key, message.headers?.values(key) ?? []]) : [];
        await write({ name, seq: message.seq, subject: message.subject, headers, data: Buffer.from(message.data).toString('base64') });
        written[name] += 1;
        if (message.seq === last) break;
      }
      await messages.close();
      if (written[name] !== last) throw new Error(`${name}: ${written[name]} messages read up to sequence ${last}; some are missing`);
    }
    return written;
  } finally {
    await new Promise((resolve) => out.end(resolve));
    await nc.close();
  }
}

/** Creates the streams of a backup in an empty server and publishes their messages at the same sequences. */
export async function restoreStreams(natsUrl: string, file: string): Promise<Record<string, number>> {
  const nc = await connect({ servers: natsUrl, reconnect: false });
  try {
    const jsm = await jetstreamManager(nc, { checkAPI: false });
    const js = jetstream(nc, { checkAPI: false });
    const restored: Record<string, number> = {};
    let batch: Promise<unknown>[] = [];
    const flush = async () => {
      await Promise.all(batch);
      batch = [];
    };
    for await (const text of createInterface({ input: createReadStream(file) })) {
      const line = JSON.parse(text) as StreamLine | MessageLine;
      if ('stream' in line) {
        await flush();
        await jsm.streams.add(line.stream);
        restored[line.stream.name] = 0;
        continue;
      }
      const headers = natsHeaders();
      for (const [key, values] of line.headers) for (const value of values) headers.append(key, value);
      // Pipelined on one connection, in order; the expected sequence makes a message that would land elsewhere fail.
      batch.push(js.publish(line.subject, Buffer.from(line.data, 'base64'), { headers, expect: { lastSequence: line.seq - 1 } }));
      restored[line.name] = (restored[line.name] ?? 0) + 1;
      if (batch.length >= 500) await flush();
    }
    await flush();
    return restored;
  } finally {
    await nc.close();
  }
}
