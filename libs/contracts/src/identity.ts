import { z } from 'zod';
import { defineEvent } from './events';
import { nameSchema } from './validation';

/** Request/reply subjects of the identity service. */
export const IdentitySubjects = {
  unitCreate: 'identity.unit.create',
  unitUpdate: 'identity.unit.update',
  unitImport: 'identity.unit.import',
  unitGet: 'identity.unit.get',
  unitChildren: 'identity.unit.children',
  accountCreate: 'identity.account.create',
  accountGet: 'identity.account.get',
  accountList: 'identity.account.list',
  accountDisable: 'identity.account.disable',
  accountEnable: 'identity.account.enable',
  roleGrant: 'identity.role.grant',
  roleRevoke: 'identity.role.revoke',
  citizenRegister: 'identity.citizen.register',
  citizenVerify: 'identity.citizen.verify',
  signingKeyRotate: 'identity.signing-key.rotate',
} as const;

export const UNIT_KINDS = [
  'province',
  'district',
  'commune',
  'ward',
  'township',
  'special_zone',
  'one_stop_centre',
  'department',
  'vertical_agency',
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** The kinds of unit as staff name them, in messages and in the console (which keeps the same list in units-api.ts). */
export const UNIT_KIND_NAMES: Record<UnitKind, string> = {
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

/** Administrative units carry their official codes: 2-digit province, 3-digit district (legacy), 5-digit commune. */
export const ADMINISTRATIVE_CODE_LENGTH: Partial<Record<UnitKind, number>> = {
  province: 2,
  district: 3,
  commune: 5,
  ward: 5,
  township: 5,
  special_zone: 5,
};

const isoDate = z.iso.date('Ngày phải có dạng yyyy-mm-dd.');
const unitCode = z
  .string()
  .trim()
  .regex(/^[0-9A-Z][0-9A-Z.]{1,39}$/, 'Mã đơn vị chỉ gồm chữ in hoa, chữ số và dấu chấm (2–40 ký tự).');
const personName = nameSchema('họ và tên');
const unitName = nameSchema('tên đơn vị');

export const unitInputSchema = z.object({
  code: unitCode,
  name: unitName,
  kind: z.enum(UNIT_KINDS, 'Loại đơn vị không hợp lệ.'),
  parentCode: unitCode.nullable().default(null),
  validFrom: isoDate.nullable().default(null),
  validTo: isoDate.nullable().default(null),
  formedFrom: z.array(unitCode).max(50).default([]),
  /** Names the unit bore before, for units that kept their code through a merger or a renaming. */
  previousNames: z.array(z.object({ name: unitName, validTo: isoDate })).max(20).default([]),
});
export type UnitInput = z.infer<typeof unitInputSchema>;

export const unitImportSchema = z.object({
  units: z.array(z.looseObject({})).min(1, 'Tệp không có đơn vị nào.').max(20_000, 'Tối đa 20.000 đơn vị một lần nhập.'),
});

export const unitUpdateSchema = z.object({
  code: unitCode,
  name: unitName.optional(),
  validTo: isoDate.nullable().optional(),
});

export const unitByCodeSchema = z.object({ code: unitCode });

export interface UnitView {
  code: string;
  name: string;
  kind: UnitKind;
  parentCode: string | null;
  path: string;
  validFrom: string | null;
  validTo: string | null;
  previousNames: { name: string; validTo: string }[];
}

export const ROLE_NAMES = [
  'province_admin',
  'unit_admin',
  'clerk',
  'specialist',
  'leader',
  'clerical',
  'inspector',
  'postal_client',
] as const;

export const roleGrantInputSchema = z.object({
  role: z.enum(ROLE_NAMES, 'Vai trò không hợp lệ.'),
  unitCode,
});

export const accountCreateSchema = z.object({
  username: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z0-9._-]{3,64}$/, 'Tên đăng nhập gồm 3–64 ký tự: chữ thường không dấu, số, dấu chấm, gạch.'),
  fullName: personName,
  unitCode,
  employment: z.enum(['own', 'seconded'], 'Hình thức phải là "own" (biên chế của đơn vị) hoặc "seconded" (biệt phái).').default('own'),
  password: z.string().min(10, 'Mật khẩu tối thiểu 10 ký tự.').max(256),
  phone: z.string().trim().regex(/^0\d{9,10}$/, 'Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0.').optional(),
  email: z.email('Địa chỉ thư điện tử không hợp lệ.').optional(),
  roles: z.array(roleGrantInputSchema).max(20).default([]),
});
export type AccountCreateInput = z.infer<typeof accountCreateSchema>;

export const accountIdSchema = z.object({ accountId: z.uuid('Mã tài khoản không hợp lệ.') });
export const accountDisableSchema = accountIdSchema.extend({
  reason: z.string().trim().min(1, 'Nhập lý do khóa tài khoản.').max(500),
});
export const accountListSchema = z.object({
  unitCode,
  includeSubunits: z.boolean().default(true),
  limit: z.number().int().min(1).max(200).default(50),
  after: z.string().optional(),
});
export const roleGrantSchema = accountIdSchema.extend(roleGrantInputSchema.shape);
export const roleRevokeSchema = accountIdSchema.extend({ grantId: z.uuid('Mã phân quyền không hợp lệ.') });

/**
 * The 12-digit personal identification number (số định danh cá nhân): the first
 * three digits are the province of birth (registration), the fourth the
 * century and sex, the next two the year of birth.
 */
export const PROVINCE_OF_BIRTH_CODES = new Set([
  '001', '002', '004', '006', '008', '010', '011', '012', '014', '015', '017', '019', '020', '022', '024', '025',
  '026', '027', '030', '031', '033', '034', '035', '036', '037', '038', '040', '042', '044', '045', '046', '048',
  '049', '051', '052', '054', '056', '058', '060', '062', '064', '066', '067', '068', '070', '072', '074', '075',
  '077', '079', '080', '082', '083', '084', '086', '087', '089', '091', '092', '093', '094', '095', '096',
]);

export const personalIdNumber = z
  .string()
  .trim()
  .regex(/^\d{12}$/, 'Số định danh cá nhân phải gồm đúng 12 chữ số.')
  .refine((value) => PROVINCE_OF_BIRTH_CODES.has(value.slice(0, 3)), 'Ba chữ số đầu của số định danh không phải mã tỉnh nơi đăng ký khai sinh.');

/** Online self-registration: the account it opens claims the ID number, it does not prove it. */
export const citizenRegisterSchema = z.object({
  idNumber: personalIdNumber,
  fullName: personName,
  phone: z.string().trim().regex(/^0\d{9,10}$/, 'Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0.'),
  email: z.email('Địa chỉ thư điện tử không hợp lệ.').optional(),
  password: z.string({ error: 'Đặt mật khẩu để đăng nhập về sau (tối thiểu 10 ký tự).' }).min(10, 'Mật khẩu tối thiểu 10 ký tự.').max(256),
});
export type CitizenRegisterInput = z.infer<typeof citizenRegisterSchema>;

/**
 * The one answer to every well-formed registration, whether the ID number was
 * free or already had an account: the answer must not tell anyone which.
 */
export interface CitizenRegistrationReceipt {
  status: 'received';
  message: string;
}

/** Identity documents a counter clerk may check; the chip-based cards carry the personal ID number itself. */
export const IDENTITY_DOCUMENT_TYPES = ['can_cuoc', 'cccd', 'ho_chieu'] as const;
export const IDENTITY_DOCUMENT_LABELS: Record<(typeof IDENTITY_DOCUMENT_TYPES)[number], string> = {
  can_cuoc: 'Thẻ căn cước',
  cccd: 'Thẻ căn cước công dân',
  ho_chieu: 'Hộ chiếu',
};

/** A clerk's in-person check of a citizen's ID number against the document the citizen shows at the counter. */
export const citizenVerifySchema = z
  .object({
    idNumber: personalIdNumber,
    fullName: personName,
    phone: z.string().trim().regex(/^0\d{9,10}$/, 'Số điện thoại gồm 10–11 chữ số, bắt đầu bằng 0.').optional(),
    document: z.object({
      type: z.enum(IDENTITY_DOCUMENT_TYPES, 'Loại giấy tờ phải là can_cuoc (thẻ căn cước), cccd (thẻ căn cước công dân) hoặc ho_chieu (hộ chiếu).'),
      number: z.string().trim().toUpperCase().regex(/^[0-9A-Z]{6,12}$/, 'Số giấy tờ gồm 6–12 chữ số hoặc chữ in hoa.'),
    }),
  })
  .refine((input) => input.document.type === 'ho_chieu' || input.document.number === input.idNumber, {
    message: 'Số thẻ căn cước (căn cước công dân) chính là số định danh cá nhân: hai số phải trùng nhau.',
    path: ['document', 'number'],
  });
export type CitizenVerifyInput = z.infer<typeof citizenVerifySchema>;

export type IdentityVerificationMethod = 'vneid' | 'counter';

/** How an account's ID number was proven: through VNeID, or by which clerk, on which document, when. */
export interface CitizenVerificationView {
  accountId: string;
  idNumber: string;
  fullName: string;
  method: IdentityVerificationMethod;
  verifiedAt: string;
  /** The clerk's username for a counter check; the VNeID issuer for a federated sign-in. */
  verifiedBy: string;
  document: { type: (typeof IDENTITY_DOCUMENT_TYPES)[number]; number: string } | null;
}

export interface AccountView {
  id: string;
  username: string;
  fullName: string;
  kind: 'staff' | 'citizen' | 'client';
  unitCode: string | null;
  employment: 'own' | 'seconded' | null;
  disabled: boolean;
  roles: { grantId: string; role: string; unitCode: string }[];
}

const unitEventData = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  parentCode: z.string().nullable(),
  path: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** The units (by code) a unit of the 2025 reform was formed from: legacy addresses are mapped through it. */
  formedFrom: z.array(z.string()).optional(),
});
export const unitCreatedV1 = defineEvent('identity', 'unit', 'created', 1, unitEventData);
export const unitChangedV1 = defineEvent('identity', 'unit', 'changed', 1, unitEventData);

const accountEventData = z.object({
  accountId: z.uuid(),
  username: z.string(),
  kind: z.enum(['staff', 'citizen', 'client']),
  unitCode: z.string().nullable(),
  employment: z.enum(['own', 'seconded']).nullable(),
  actor: z.string(),
});
export const accountCreatedV1 = defineEvent('identity', 'account', 'created', 1, accountEventData);
export const accountDisabledV1 = defineEvent('identity', 'account', 'disabled', 1, accountEventData.extend({ reason: z.string() }));
export const accountEnabledV1 = defineEvent('identity', 'account', 'enabled', 1, accountEventData);

const roleEventData = z.object({
  grantId: z.uuid(),
  accountId: z.uuid(),
  username: z.string(),
  role: z.enum(ROLE_NAMES),
  unitCode: z.string(),
  actor: z.string(),
});
export const roleGrantedV1 = defineEvent('identity', 'role', 'granted', 1, roleEventData);
export const roleRevokedV1 = defineEvent('identity', 'role', 'revoked', 1, roleEventData);
