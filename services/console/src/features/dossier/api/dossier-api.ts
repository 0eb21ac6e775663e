import { api, unwrap } from '../../../lib/api';
import type { components, paths } from '@mc/web-api';

export type ActionRequest = paths['/api/v1/dossiers/{code}/actions']['post']['requestBody']['content']['application/json'];
export type Action = ActionRequest['action'];
export type SubHandlingAction = paths['/api/v1/dossiers/{code}/sub-handlings/{unitCode}/actions']['post']['requestBody']['content']['application/json']['action'];
export type DossierView = components['schemas']['DossierView'];

export const dossier = (code: string) => unwrap(api.GET('/api/v1/dossiers/{code}', { params: { path: { code } } }));
export const dossierHistory = (code: string) => unwrap(api.GET('/api/v1/dossiers/{code}/history', { params: { path: { code } } }));

export const actOnDossier = (code: string, body: ActionRequest, idempotencyKey: string) =>
  unwrap(api.POST('/api/v1/dossiers/{code}/actions', { params: { path: { code }, header: { 'Idempotency-Key': idempotencyKey } }, body }));

export const actOnSubHandling = (code: string, unitCode: string, action: SubHandlingAction, reason: string | undefined, idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/dossiers/{code}/sub-handlings/{unitCode}/actions', {
      params: { path: { code, unitCode }, header: { 'Idempotency-Key': idempotencyKey } },
      body: { action, ...(reason ? { reason } : {}) },
    }),
  );

/** What each action is called on the button and in the history. */
export const ACTION_LABELS: Record<string, string> = {
  receive: 'Tiếp nhận hồ sơ',
  hand_over: 'Chuyển bước tiếp theo',
  send_back: 'Trả lại bước trước',
  request_supplement: 'Yêu cầu bổ sung (Mẫu 02)',
  receive_supplement: 'Nhận hồ sơ bổ sung',
  approve: 'Phê duyệt',
  refuse: 'Từ chối giải quyết (Mẫu 03)',
  issue_result: 'Phát hành kết quả',
  return_result: 'Trả kết quả',
  withdraw: 'Rút hồ sơ',
  stop: 'Dừng giải quyết',
  apologise: 'Xin lỗi, hẹn lại ngày trả (Mẫu 04)',
  extend: 'Gia hạn',
  hand_to_post: 'Giao bưu điện trả kết quả',
  sub_handling_assign: 'Chuyển liên thông',
  sub_handling_start: 'Cơ quan liên thông bắt đầu xử lý',
  sub_handling_complete: 'Cơ quan liên thông hoàn thành',
  sub_handling_refuse: 'Cơ quan liên thông từ chối',
  postal: 'Bưu điện cập nhật',
  rate: 'Công dân đánh giá',
  mark_due_soon: 'Hệ thống báo sắp đến hạn',
  mark_overdue: 'Hệ thống báo quá hạn',
};
