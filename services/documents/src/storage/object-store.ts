import { Client } from 'minio';
import type { DocumentsConfig } from '../documents.config';

/** Where dossier files live: MinIO in compose and production, an S3-compatible server in the default profile. */
export abstract class ObjectStore {
  abstract ensureBucket(): Promise<void>;
  abstract ping(): Promise<void>;
}

export class MinioObjectStore extends ObjectStore {
  private readonly client: Client;
  private readonly bucket: string;

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
  }

  async ensureBucket(): Promise<void> {
    if (!(await this.client.bucketExists(this.bucket))) await this.client.makeBucket(this.bucket);
  }

  async ping(): Promise<void> {
    await this.client.bucketExists(this.bucket);
  }
}
