import { AppError } from '@mc/contracts';
import { mapAddress, type KnownUnit, type UnitLookup } from './map-address';

const unit = (code: string, name: string, kind: string, parentCode: string | null, validTo: string | null = null): KnownUnit => ({ code, name, kind, parentCode, validTo });
const UNITS = [
  unit('20', 'Tỉnh Lạng Sơn', 'province', null),
  unit('187', 'Huyện Chi Lăng', 'district', '20', '2025-06-30'),
  unit('06466', 'Thị trấn Chi Lăng', 'township', '187', '2025-06-30'),
  unit('06469', 'Xã Vân An', 'commune', '187', '2025-06-30'),
  unit('06463', 'Xã Chi Lăng', 'commune', '20'),
  unit('06481', 'Xã Chiến Thắng', 'commune', '20'),
  unit('06999', 'Xã Chia Đôi (thử nghiệm)', 'commune', '187', '2025-06-30'),
];
const FORMED_FROM: Record<string, string[]> = { '06463': ['06463', '06466'], '06481': ['06469', '06481', '06999'], '06505': ['06999'] };
const lookup: UnitLookup = {
  unit: async (code) => UNITS.find((candidate) => candidate.code === code),
  formedFrom: async (code) => {
    const codes = Object.entries(FORMED_FROM).filter(([, from]) => from.includes(code)).map(([to]) => to);
    return [...UNITS, unit('06505', 'Xã Vạn Linh', 'commune', '20')].filter((candidate) => codes.includes(candidate.code));
  },
};
const refusal = async (run: Promise<unknown>) => {
  try {
    await run;
  } catch (error) {
    if (error instanceof AppError) return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
};

describe('addresses in the units in force', () => {
  it('keeps a commune in force as it is', async () => {
    expect(await mapAddress({ provinceCode: '20', communeCode: '06463', street: 'Thôn Đồng Bành' }, lookup, 'a')).toEqual({
      provinceCode: '20',
      communeCode: '06463',
      communeName: 'Xã Chi Lăng',
      street: 'Thôn Đồng Bành',
      display: 'Thôn Đồng Bành, Xã Chi Lăng, Tỉnh Lạng Sơn',
      mappedFrom: null,
    });
  });

  it('maps a legacy district-level address to the commune the former commune was merged into', async () => {
    const mapped = await mapAddress({ provinceCode: '20', districtCode: '187', communeCode: '06469', street: 'Thôn Bản Lải' }, lookup, 'a');
    expect(mapped).toMatchObject({ communeCode: '06481', communeName: 'Xã Chiến Thắng', mappedFrom: { districtCode: '187', communeCode: '06469', communeName: 'Xã Vân An' } });
  });

  it('refuses, with the reason, a former commune split between two communes, a district alone and a commune of another district', async () => {
    expect(await refusal(mapAddress({ provinceCode: '20', districtCode: '187', communeCode: '06999', street: 'x' }, lookup, 'a'))).toContain(
      'nay thuộc nhiều xã, phường (Xã Chiến Thắng, Xã Vạn Linh)',
    );
    expect(await refusal(mapAddress({ provinceCode: '20', districtCode: '187', street: 'x' }, lookup, 'a'))).toContain('ghi rõ xã, phường');
    expect(await refusal(mapAddress({ provinceCode: '20', districtCode: '187', communeCode: '06463', street: 'x' }, lookup, 'a'))).toBe(
      'Xã Chi Lăng (06463) không thuộc Huyện Chi Lăng (187).',
    );
  });
});
