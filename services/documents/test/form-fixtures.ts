import type { Applicant, ControlSlipLine, TrackingBook } from '@mc/contracts';
import { formFrame, type FormKey } from '../src/forms/form-frame';
import type { FormRegime } from '@mc/contracts';

export const APPLICANT: Applicant = {
  kind: 'individual',
  fullName: 'Hoàng Thị Ngọc Ánh',
  idNumber: '020095001234',
  address: 'Số 18 đường Bà Triệu, khối 7, phường Lương Văn Tri, tỉnh Lạng Sơn',
  phone: '0912345678',
  email: 'ngocanh@example.vn',
};

export const WARD = { governingBody: 'UBND phường Lương Văn Tri', name: 'Trung tâm Phục vụ hành chính công phường Lương Văn Tri' };

export const frame = (regime: FormRegime, key: FormKey, issuedAt = '2026-12-07T09:30:00+07:00', number: string | null = null) =>
  formFrame(regime, key, { unit: WARD, number, place: 'Lạng Sơn', issuedAt });

export const TRACKING_URL = 'https://dichvucong.langson.gov.vn/cong-dan/tra-cuu/05983-261207-0042?token=Qm9uZy1IdW5nLVRyYWNraW5n';

export const RECEIPT = {
  code: '05983-261207-0042',
  applicant: APPLICANT,
  procedureName: 'Đăng ký kết hôn',
  components: [
    { name: 'Tờ khai đăng ký kết hôn', copyType: 'original', quantity: 1, digitised: true, reusedFromStore: false },
    { name: 'Giấy xác nhận tình trạng hôn nhân', copyType: 'certified_copy', quantity: 2, digitised: false, reusedFromStore: true },
  ],
  statutoryTime: '3 ngày làm việc',
  receivedAt: '2026-12-07T09:30:00+07:00',
  dueAt: '2026-12-10T16:45:00+07:00',
  collectAt: 'Trung tâm Phục vụ hành chính công phường Lương Văn Tri',
  receivedByName: 'Nguyễn Thu Hà',
  trackingUrl: TRACKING_URL,
};

export const CONTROL_SLIP_LINES: ControlSlipLine[] = [
  {
    seq: 2,
    fromStep: 'tiep-nhan',
    toStep: 'chuyen-phong',
    from: 'Nguyễn Thu Hà (tiếp nhận)',
    to: 'Văn phòng chuyển hồ sơ',
    handedAt: '2026-12-07T10:15:00+07:00',
    handedAtDisplay: '10:15 07/12/2026',
    stepDueAt: '2026-12-07T11:54:00+07:00',
    stepDueAtDisplay: '11:54 07/12/2026',
    verdict: 'early',
    verdictLabel: 'Trước hạn',
    note: null,
  },
  {
    seq: 3,
    fromStep: 'chuyen-phong',
    toStep: 'tham-dinh',
    from: 'Nông Thị Hoa (văn thư)',
    to: 'Thẩm định',
    handedAt: '2026-12-07T15:40:00+07:00',
    handedAtDisplay: '15:40 07/12/2026',
    stepDueAt: '2026-12-07T14:18:00+07:00',
    stepDueAtDisplay: '14:18 07/12/2026',
    verdict: 'late',
    verdictLabel: 'Quá hạn',
    note: 'Chờ xác minh tình trạng hôn nhân',
  },
];

export const TRACKING_BOOK: TrackingBook = {
  title: 'Mẫu số 07 — Sổ theo dõi hồ sơ (TT 03/2025/TT-VPCP)',
  unitCode: '05983',
  fromDisplay: '01/12/2026',
  toDisplay: '07/12/2026',
  total: 2,
  lines: [
    {
      number: 1,
      code: '05983-261201-0001',
      applicantName: 'Lường Văn Đức',
      procedureName: 'Đăng ký khai sinh',
      receivedAtDisplay: '08:05 01/12/2026',
      dueAtDisplay: '17:00 01/12/2026',
      finishedAtDisplay: '15:20 01/12/2026',
      state: 'returned',
      result: 'Trước hạn',
      formRegime: '2025',
    },
    {
      number: 2,
      code: '05983-261207-0042',
      applicantName: 'Hoàng Thị Ngọc Ánh',
      procedureName: 'Đăng ký kết hôn',
      receivedAtDisplay: '09:30 07/12/2026',
      dueAtDisplay: '16:45 10/12/2026',
      finishedAtDisplay: null,
      state: 'in_progress',
      result: null,
      formRegime: '2025',
    },
  ],
};
