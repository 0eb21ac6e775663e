import { api, unwrap } from '../../../lib/api';
import type { components } from '@mc/web-api';

export type UnitView = components['schemas']['UnitView'];
export type UnitKind = UnitView['kind'];

// The same names as UNIT_KIND_NAMES in libs/contracts, which the services' messages use; the console cannot import the contracts.
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  province: 'Tỉnh',
  district: 'Huyện (trước 01/07/2025)',
  commune: 'Xã',
  ward: 'Phường',
  township: 'Thị trấn',
  special_zone: 'Đặc khu',
  one_stop_centre: 'Bộ phận Một cửa / Trung tâm phục vụ hành chính công',
  department: 'Cơ quan chuyên môn, phòng ban',
  vertical_agency: 'Cơ quan ngành dọc',
};

export const getUnit = (code: string) => unwrap(api.GET('/api/v1/units/{code}', { params: { path: { code } } }));

export const createUnit = (body: { code: string; name: string; kind: UnitKind; parentCode: string }) =>
  unwrap(api.POST('/api/v1/units', { body: body }));

export const renameUnit = (code: string, name: string) =>
  unwrap(api.PATCH('/api/v1/units/{code}', { params: { path: { code } }, body: { name } }));
