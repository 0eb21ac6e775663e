import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { Client, CopyDestinationOptions, CopySourceOptions } from 'minio';
import type { DocumentsConfig } from '../documents.config';

/**
 * Where dossier files live: MinIO in compose and production, an S3-compatible
 * server in the default profile. Only calls both answer alike are used: single
 * PUTs of a bounded buffer (through a presigned URL) and a server-side compose
 * (multipart copy), never the client's streamed multipart upload (it lists
 * incomplete uploads first, which the stand-in does not implement).
 */
export abstract class ObjectStore {
  abstract ensureBucket(): Promise<void>;
  abstract ping(): Promise<void>;
  abstract put(key: string, bytes: Buffer, contentType?: string): Promise<void>;
  abstract read(key: string): Promise<Readable>;
  abstract readAll(key: string): Promise<Buffer>;
  /** Joins the sources, in order, into one object on the store's side: no byte comes back through the service. */
  abstract compose(target: string, sources: string[]): Promise<void>;
  abstract remove(keys: string[]): Promise<void>;
  abstract size(key: string): Promise<number | null>;
}

/** A presigned PUT is used at once; a minute covers a slow store and a skewed clock. */
const PUT_URL_SECONDS = 60;

export class MinioObjectStore extends ObjectStore {
  private readonly client: Client;
  private readonly bucket: string;
  private readonly secure: boolean;

  constructor(config: DocumentsConfig) {
    super();
    const url = new URL(config.S3_ENDPOINT);
    this.client = new Client({
      endPoint: url.hostname,
      port: Number(url.port || (url.protocol === 'https:' ? 443 : 80)),
      useSSL: url.protocol === 'https:',
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      region: config.S3_REGION,
      pathStyle: true,
    });
    this.bucket = config.S3_BUCKET;
    this.secure = url.protocol === 'https:';
  }

  async ensureBucket(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) await this.client.makeBucket(this.bucket);
  }

  async ping(): Promise<void> {
    await this.client.bucketExists(this.bucket);
  }

  /**
   * Not the client's putObject: given a Buffer, it turns it into a stream and
   * reads that back into a new Buffer before sending, so every segment written
   * allocated a second segment-sized buffer outside the V8 heap, freed only
   * when V8 next collected — the documents process grew by tens of MB during a
   * large upload. The presigned PUT sends the caller's bytes as they are.
   */
  async put(key: string, bytes: Buffer, contentType = 'application/octet-stream'): Promise<void> {
    const url = await this.client.presignedPutObject(this.bucket, key, PUT_URL_SECONDS);
    const send = this.secure ? httpsRequest : httpRequest;
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      // Node's global agent, as the minio client's own requests: connections kept alive, idle ones closed after 5 s.
      const outgoing = send(url, { method: 'PUT', headers: { 'content-length': bytes.length, 'content-type': contentType } }, resolve);
      outgoing.on('error', reject);
      outgoing.end(bytes);
    });
    const answer: Buffer[] = [];
    for await (const chunk of response) answer.push(chunk as Buffer);
    if (response.statusCode !== 200) {
      throw new Error(`S3 PUT ${key} answered ${response.statusCode}: ${Buffer.concat(answer).toString('utf8').slice(0, 300)}`);
    }
  }

  read(key: string): Promise<Readable> {
    return this.client.getObject(this.bucket, key);
  }

  async readAll(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.read(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  async compose(target: string, sources: string[]): Promise<void> {
    await this.client.composeObject(
      new CopyDestinationOptions({ Bucket: this.bucket, Object: target }),
      sources.map((source) => new CopySourceOptions({ Bucket: this.bucket, Object: source })),
    );
  }

  async remove(keys: string[]): Promise<void> {
    if (keys.length) await this.client.removeObjects(this.bucket, keys);
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await this.client.statObject(this.bucket, key)).size;
    } catch (error) {
      if ((error as { code?: string }).code === 'NotFound' || (error as { code?: string }).code === 'NoSuchKey') return null;
      throw error;
    }
  }
}
