import { request } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * The client side of the tus 1.0 steps the gateway forwards, on bare
 * node:http so that a test or a benchmark controls every byte: how much it
 * sends, and when it cuts the connection.
 */
export interface TusAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const encodeMetadata = (metadata: Record<string, string>) =>
  Object.entries(metadata)
    .map(([key, value]) => `${key} ${Buffer.from(value, 'utf8').toString('base64')}`)
    .join(',');

function send(url: string, method: string, headers: Record<string, string>, body?: Buffer | Readable): Promise<TusAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers: { 'tus-resumable': '1.0.0', ...headers } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    if (body === undefined) outgoing.end();
    else if (Buffer.isBuffer(body)) outgoing.end(body);
    else body.pipe(outgoing);
  });
}

export const tusCreate = (baseUrl: string, token: string, length: number, metadata: Record<string, string>) =>
  send(`${baseUrl}/api/v1/uploads`, 'POST', { authorization: `Bearer ${token}`, 'upload-length': String(length), 'upload-metadata': encodeMetadata(metadata) });

export const tusOffset = (uploadUrl: string, token: string) => send(uploadUrl, 'HEAD', { authorization: `Bearer ${token}` });

export const tusAppend = (uploadUrl: string, token: string, offset: number, body: Buffer | Readable, length: number) =>
  send(
    uploadUrl,
    'PATCH',
    { authorization: `Bearer ${token}`, 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset), 'content-length': String(length) },
    body,
  );

/**
 * Sends `bytes` from `offset` and cuts the connection once `cutAfter` of them
 * are written and have had time to leave: a commune's line dropping mid-file.
 */
export function tusAppendThenDrop(uploadUrl: string, token: string, offset: number, bytes: Buffer, cutAfter: number, settleMs = 1_000): Promise<void> {
  return new Promise((resolve) => {
    const outgoing = request(uploadUrl, {
      method: 'PATCH',
      headers: {
        'tus-resumable': '1.0.0',
        authorization: `Bearer ${token}`,
        'content-type': 'application/offset+octet-stream',
        'upload-offset': String(offset),
        'content-length': String(bytes.length),
      },
    });
    outgoing.on('error', () => resolve());
    outgoing.write(bytes.subarray(0, cutAfter), () => {
      setTimeout(() => {
        outgoing.destroy();
        resolve();
      }, settleMs);
    });
  });
}

export const uploadUrlOf = (baseUrl: string, answer: TusAnswer) => new URL(String(answer.headers.location), baseUrl).toString();
