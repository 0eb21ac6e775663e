import { z } from 'zod';
import type { BaseConfig } from '@mc/service-runtime';

export const documentsConfigSchema = z.object({
  S3_ENDPOINT: z.url('phải là URL, ví dụ http://127.0.0.1:4569 (must be a URL)').default('http://127.0.0.1:4569'),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY: z.string().min(1).default('S3RVER'),
  S3_SECRET_KEY: z.string().min(1).default('S3RVER'),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{2,62}$/, 'tên bucket S3 không hợp lệ (invalid S3 bucket name)')
    .default('mot-cua-documents'),
  /** Where citizens open the portal; the QR code on a receipt points at its tracking page. */
  PUBLIC_BASE_URL: z.url('phải là URL, ví dụ https://dichvucong.langson.gov.vn (must be a URL)').default('http://127.0.0.1:3000'),
  /** The locality written in the date line of every form ("Lạng Sơn, ngày …"). */
  FORMS_PLACE: z.string().trim().min(1).default('Lạng Sơn'),
  /** The service's own HTTP listener: uploads and downloads stream here, forwarded by the gateway (never over NATS). */
  DOCUMENTS_HTTP_PORT: z.coerce.number().int().min(1).max(65_535).default(3006),
  /**
   * An upload is kept as segments of this size until complete; a resumed upload
   * reads back at most one. S3 joins parts of at least 5 MiB only.
   */
  UPLOAD_SEGMENT_BYTES: z.coerce.number().int().min(5 * 1024 * 1024, 'tối thiểu 5 MiB (S3 parts)').max(64 * 1024 * 1024).default(8 * 1024 * 1024),
  /** How long a dossier's file is kept after upload before retention may delete it. */
  DOCUMENTS_RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(20),
});

export type DocumentsConfig = BaseConfig & z.infer<typeof documentsConfigSchema>;
