import { formatMoney } from '@mc/web-api';
import type { ProcedureVersion } from './api/catalog-api';

// Plain words for citizens; the catalog's codes stay in the API.
export const LEVEL_LABELS: Record<string, string> = {
  commune: 'Cấp xã (Ủy ban nhân dân xã, phường)',
  province: 'Cấp tỉnh',
  vertical: 'Cơ quan ngành dọc',
};
export const ONLINE_LABELS: Record<string, string> = {
  full: 'Nộp trực tuyến toàn trình: không phải đến nộp hay nhận giấy tờ',
  partial: 'Nộp trực tuyến một phần: nộp hồ sơ trên mạng, mang bản gốc khi nhận kết quả',
  none: 'Không nộp trực tuyến',
};
const DURATION_UNITS: Record<string, string> = {
  working_days: 'ngày làm việc',
  days: 'ngày',
  months: 'tháng',
  working_hours: 'giờ làm việc',
  hours: 'giờ',
};
export const COPY_TYPE_LABELS: Record<string, string> = {
  original: 'Bản chính',
  copy: 'Bản sao',
  certified_copy: 'Bản sao có chứng thực',
  present_original: 'Xuất trình bản chính',
};

export function processingTimeLabel(time: { value: number; unit: string }): string {
  if (time.unit === 'working_days' && time.value === 0) return 'Trong ngày';
  return `${time.value} ${DURATION_UNITS[time.unit] ?? time.unit}`;
}

export function feeLabel(fee: ProcedureVersion['fees'][number]): string {
  if (fee.kind === 'free') return `${fee.name}: ${fee.description}`;
  if (fee.kind === 'fixed') return `${fee.name}: ${formatMoney(fee.amount)}${fee.condition ? ` (${fee.condition})` : ''}`;
  const cap = fee.cap === undefined ? '' : `, tối đa ${formatMoney(fee.cap)}`;
  return `${fee.name}: ${formatMoney(fee.firstPagePrice)} mỗi trang cho ${fee.firstPages} trang đầu, từ trang thứ ${fee.firstPages + 1} ${formatMoney(fee.nextPagePrice)} mỗi trang${cap}`;
}
