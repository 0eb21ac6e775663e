import { api, unwrap } from '../../../lib/api';
import type { components } from '@mc/web-api';

export type PlatformHealth = components['schemas']['PlatformHealth'];

export const SERVICE_LABELS: Record<string, string> = {
  gateway: 'Cổng API (gateway)',
  identity: 'Định danh, tài khoản (identity)',
  catalog: 'Danh mục thủ tục, lịch (catalog)',
  dossier: 'Hồ sơ (dossier)',
  documents: 'Giấy tờ, biểu mẫu (documents)',
  signatures: 'Chữ ký số (signatures)',
  postal: 'Bưu chính (postal)',
  reporting: 'Báo cáo (reporting)',
};

/** The platform's health; a degraded platform answers 503 with the same body, which is what the operator wants to see. */
export async function platformHealth(): Promise<PlatformHealth> {
  const { data, error, response } = await api.GET('/api/v1/health', {});
  if (data) return data;
  if (response.status === 503 && error && typeof error === 'object' && 'services' in error) return error as PlatformHealth;
  return unwrap<PlatformHealth>(Promise.resolve({ data, error, response }));
}

export const reportFreshness = () => unwrap(api.GET('/api/v1/reports/freshness', {}));
