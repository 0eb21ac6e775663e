import { maskPersonalData } from './logger';

describe('maskPersonalData', () => {
  it('masks values under personal keys, keeping the last three characters', () => {
    expect(maskPersonalData({ idNumber: '020190000123', phone: '0912345678', unitCode: '05983' })).toEqual({
      idNumber: '*********123',
      phone: '*******678',
      unitCode: '05983',
    });
  });

  it('masks ID numbers inside free text and nested objects', () => {
    expect(maskPersonalData({ msg: 'công dân 020190000123 nộp hồ sơ', applicant: { citizen_id: '001099012345' } })).toEqual({
      msg: 'công dân *********123 nộp hồ sơ',
      applicant: { citizen_id: '*********345' },
    });
  });

  it('masks secrets entirely when they are short and leaves dossier codes alone', () => {
    expect(maskPersonalData({ password: 'abc', dossierCode: '05983-261122-0001' })).toEqual({
      password: '***',
      dossierCode: '05983-261122-0001',
    });
  });
});
