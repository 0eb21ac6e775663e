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
});

export type DocumentsConfig = BaseConfig & z.infer<typeof documentsConfigSchema>;
