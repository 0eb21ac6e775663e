import { FORM_TITLES, formRegimeOf } from './dossier';

describe('the forms a dossier follows', () => {
  it('switches from the 2018 forms to the 2025 forms at 00:00 on 1 July 2025, Vietnam time', () => {
    expect(formRegimeOf('2025-06-30T23:59:59+07:00')).toBe('2018');
    expect(formRegimeOf('2025-06-30T17:00:00Z')).toBe('2025'); // 00:00 on 1 July in Vietnam
    expect(formRegimeOf('2025-07-01T00:00:00+07:00')).toBe('2025');
  });

  it('names the forms that changed between the two regimes', () => {
    expect(FORM_TITLES['2018'].apology).toContain('Phiếu xin lỗi và hẹn lại ngày trả kết quả');
    expect(FORM_TITLES['2025'].apology).toContain('Văn bản xin lỗi và đề nghị gia hạn');
    expect(FORM_TITLES['2018'].controlSlip).toMatch(/^Mẫu số 05/);
    expect(FORM_TITLES['2025'].controlSlip).toMatch(/^Mẫu số 06/);
    expect(FORM_TITLES['2018'].stop).toBeNull();
  });
});
