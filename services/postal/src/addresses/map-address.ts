import { AppError, type MappedAddress, type PostalAddress } from '@mc/contracts';

export interface KnownUnit {
  code: string;
  name: string;
  kind: string;
  parentCode: string | null;
  validTo: string | null;
}

/** What mapping needs of the unit tree: a unit by code, and the units in force formed from a code. */
export interface UnitLookup {
  unit(code: string): Promise<KnownUnit | undefined>;
  formedFrom(code: string): Promise<KnownUnit[]>;
}

const refuse = (message: string, path: string) => new AppError('VALIDATION_FAILED', message, { issues: [{ path, message }] });

/**
 * An address in the units in force since 1 July 2025 (province + commune +
 * street). A legacy three-level address (former district and commune) is
 * mapped to the commune in force that the former commune was merged into
 * (`formedFrom` of the 2025 reform); one that cannot be placed in exactly one
 * commune is refused with the reason, never guessed.
 */
export async function mapAddress(address: PostalAddress, units: UnitLookup, path: string): Promise<MappedAddress> {
  const province = await units.unit(address.provinceCode);
  if (!province || province.validTo) throw refuse(`Không có tỉnh mã ${address.provinceCode} trong danh mục đơn vị hành chính hiện hành.`, `${path}.provinceCode`);
  const district = address.districtCode ? await units.unit(address.districtCode) : undefined;
  if (address.districtCode && !district) throw refuse(`Không có huyện mã ${address.districtCode} trong danh mục đơn vị hành chính.`, `${path}.districtCode`);
  if (!address.communeCode) {
    const where = district ? `${district.name} (đã không còn cấp huyện từ 01/07/2025)` : 'tỉnh';
    throw refuse(`Địa chỉ chỉ có ${where}: ghi rõ xã, phường nơi nhận.`, `${path}.communeCode`);
  }
  const commune = await units.unit(address.communeCode);
  if (!commune) throw refuse(`Không có xã, phường mã ${address.communeCode} trong danh mục đơn vị hành chính.`, `${path}.communeCode`);
  if (district && commune.parentCode !== district.code) {
    throw refuse(`${commune.name} (${commune.code}) không thuộc ${district.name} (${district.code}).`, `${path}.communeCode`);
  }
  const inForce = (unit: KnownUnit, mappedFrom: MappedAddress['mappedFrom']): MappedAddress => ({
    provinceCode: province.code,
    communeCode: unit.code,
    communeName: unit.name,
    street: address.street,
    display: `${address.street}, ${unit.name}, ${province.name}`,
    mappedFrom,
  });
  if (!commune.validTo && !district) {
    if (commune.parentCode !== province.code) throw refuse(`${commune.name} (${commune.code}) không thuộc ${province.name}.`, `${path}.communeCode`);
    return inForce(commune, null);
  }
  const successors = (await units.formedFrom(commune.code)).filter((unit) => !unit.validTo && unit.parentCode === province.code);
  const from = { districtCode: district?.code ?? null, communeCode: commune.code, communeName: commune.name };
  if (successors.length === 1) return inForce(successors[0] as KnownUnit, from);
  throw refuse(
    successors.length === 0
      ? `${commune.name} (${commune.code}) cũ chưa được xác định thuộc xã, phường nào hiện nay: ghi địa chỉ theo xã, phường từ 01/07/2025.`
      : `${commune.name} (${commune.code}) cũ nay thuộc nhiều xã, phường (${successors.map((unit) => unit.name).join(', ')}): ghi địa chỉ theo xã, phường từ 01/07/2025.`,
    `${path}.communeCode`,
  );
}
