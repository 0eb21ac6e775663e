import { z } from 'zod';
import { defineEvent } from './events';
import { nameSchema } from './validation';

/**
 * The procedure catalogue (danh mục thủ tục hành chính): what the province
 * publishes, version by version, and what each unit adopts for itself. Other
 * services read it through these subjects and events; a dossier keeps the
 * version that was in force when it was received.
 */
export const CatalogSubjects = {
  search: 'catalog.procedure.search',
  get: 'catalog.procedure.get',
  versionInForce: 'catalog.procedure.version-in-force',
  create: 'catalog.procedure.create',
  listVersions: 'catalog.version.list',
  getVersion: 'catalog.version.get',
  createVersion: 'catalog.version.create',
  updateVersion: 'catalog.version.update',
  publishVersion: 'catalog.version.publish',
  withdrawVersion: 'catalog.version.withdraw',
  putAdoption: 'catalog.adoption.put',
  getAdoption: 'catalog.adoption.get',
} as const;

/** Fields (lĩnh vực). The codes are ours and stable; the names are what citizens see. */
export const PROCEDURE_FIELDS = [
  { code: 'ho_tich', name: 'Hộ tịch' },
  { code: 'chung_thuc', name: 'Chứng thực' },
  { code: 'nuoi_con_nuoi', name: 'Nuôi con nuôi' },
  { code: 'dat_dai', name: 'Đất đai' },
  { code: 'xay_dung', name: 'Xây dựng' },
  { code: 'kinh_doanh', name: 'Đăng ký kinh doanh' },
  { code: 'lao_dong_tbxh', name: 'Lao động – Thương binh – Xã hội' },
  { code: 'cu_tru', name: 'Đăng ký, quản lý cư trú' },
  { code: 'giao_duc', name: 'Giáo dục và Đào tạo' },
  { code: 'y_te', name: 'Y tế' },
  { code: 'van_hoa', name: 'Văn hóa, Thể thao và Du lịch' },
  { code: 'nong_nghiep', name: 'Nông nghiệp và Môi trường' },
  { code: 'giao_thong', name: 'Giao thông vận tải' },
] as const;
export const FIELD_CODES = PROCEDURE_FIELDS.map((field) => field.code) as [FieldCode, ...FieldCode[]];
export type FieldCode = (typeof PROCEDURE_FIELDS)[number]['code'];
export const fieldName = (code: FieldCode): string => PROCEDURE_FIELDS.find((field) => field.code === code)?.name ?? code;

/** Who is competent: the province (its departments), the commune, or an agency of a ministry stationed locally. */
export const COMPETENT_LEVELS = ['province', 'commune', 'vertical'] as const;
export type CompetentLevel = (typeof COMPETENT_LEVELS)[number];

export const AGENCY_KINDS = ['people_committee', 'specialised_agency', 'public_service_unit', 'vertical_agency'] as const;
export const DURATION_UNITS = ['working_days', 'days', 'months', 'working_hours', 'hours'] as const;
export const COMPONENT_COPY_TYPES = ['original', 'copy', 'certified_copy', 'present_original'] as const;
/** The kinds of file a dossier component may be uploaded as, recognised from the bytes (not the name). */
export const UPLOAD_FILE_KINDS = ['pdf', 'jpeg', 'png', 'tiff', 'docx', 'xlsx', 'xml'] as const;
export type UploadFileKind = (typeof UPLOAD_FILE_KINDS)[number];
/** A scanned component of a land or construction dossier runs to a few hundred pages: room for a 200 MB scan. */
export const DEFAULT_COMPONENT_MAX_MB = 250;
export const MAX_COMPONENT_MAX_MB = 2048;
export const RESULT_TYPES = ['certificate', 'license', 'decision', 'certification', 'extract', 'written_reply', 'other'] as const;
export const ONLINE_CHANNELS = ['full', 'partial', 'none'] as const;
export const STEP_KINDS = ['receive', 'transfer', 'appraise', 'verify', 'consult', 'approve', 'issue', 'return'] as const;
/** The staff roles that act at a step (a subset of the roles in @mc/auth). */
export const STEP_ROLES = ['clerk', 'specialist', 'leader', 'clerical'] as const;
export const VERSION_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];

/**
 * National procedure code from the national TTHC database: `1.001193`, or with
 * the localisation suffix `2.000815.000.00.00.H38` (H38 = the province).
 */
export const PROCEDURE_CODE_PATTERN = /^[1-9]\.\d{6}(\.\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})?$/;

/** Legal processing times are capped at ten years; anything longer is a typing error. */
export const MAX_DURATION_DAYS = 3650;
const MAX_DURATION: Record<(typeof DURATION_UNITS)[number], number> = {
  working_days: MAX_DURATION_DAYS,
  days: MAX_DURATION_DAYS,
  months: 120,
  working_hours: MAX_DURATION_DAYS * 8,
  hours: MAX_DURATION_DAYS * 24,
};

// ---- building blocks with messages a clerk can act on -------------------------------------------

/** Messages for an object that is missing, not an object, or has a field it does not know. */
const rejectUnknownKeys = (where: string) => ({
  error: (issue: { code: string; keys?: string[]; input?: unknown }) => {
    if (issue.code === 'unrecognized_keys') return `${where} không có trường ${issue.keys?.map((key) => `"${key}"`).join(', ')}.`;
    if (issue.code === 'invalid_type') return issue.input === undefined ? `Thiếu ${where.toLowerCase()}.` : `${where} phải là một đối tượng JSON.`;
    return undefined;
  },
});
const capitalised = (label: string) => label.charAt(0).toUpperCase() + label.slice(1);
const text = (label: string, max: number, min = 1) =>
  z
    .string({ error: `Thiếu ${label}.` })
    .trim()
    .min(min, min === 1 ? `${capitalised(label)} không được để trống.` : `${capitalised(label)} tối thiểu ${min} ký tự.`)
    .max(max, `${capitalised(label)} tối đa ${max} ký tự.`);
const flag = (label: string) => z.boolean({ error: `${label} phải là true hoặc false.` });
const oneOf = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.enum(values, { error: `${label} phải là một trong: ${values.join(', ')}.` });
const dong = (label: string) =>
  z
    .number({ error: `${label} phải là số tiền (đồng).` })
    .int(`${label} phải là số đồng nguyên.`)
    .min(0, `${label} không được âm.`)
    .max(1_000_000_000, `${label} vượt quá 1 tỷ đồng, hãy kiểm tra lại.`);
const isoDate = (label: string) => z.iso.date({ error: `${label} phải là ngày hợp lệ dạng YYYY-MM-DD.` });
/** Query-string values arrive as strings, and an empty `?field=` means "not given". */
const fromQuery = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

export const procedureCodeSchema = z
  .string({ error: 'Thiếu mã thủ tục.' })
  .trim()
  .transform((code) => code.toUpperCase())
  .pipe(
    z
      .string()
      .regex(
        PROCEDURE_CODE_PATTERN,
        'Mã thủ tục không đúng định dạng của Cơ sở dữ liệu quốc gia về TTHC (ví dụ 1.001193 hoặc 2.000815.000.00.00.H38).',
      ),
  );

/** Official code of a unit: 2 digits for a province, 5 for a commune (QĐ 19/2025), or an agency code. */
export const unitCodeSchema = z
  .string({ error: 'Thiếu mã đơn vị.' })
  .trim()
  .regex(/^[A-Z0-9][A-Z0-9.-]{1,29}$/i, 'Mã đơn vị không hợp lệ (ví dụ 20 hoặc 05983).');

/**
 * How many times a dossier of a procedure may be extended (gia hạn) when its
 * version says nothing. An extension is the exception the procedure's own
 * rules allow (chứng thực: once, by up to 2 working days, or by written
 * agreement); a dossier that needs more time again is late and takes an
 * apology and a new appointment (Mẫu 04) instead.
 */
export const DEFAULT_MAX_EXTENSIONS = 1;

export const processingTimeSchema = z
  .strictObject(
    {
      value: z
        .number({ error: 'Thời hạn giải quyết phải là một số.' })
        .int('Thời hạn giải quyết phải là số nguyên (dùng giờ làm việc cho nửa ngày).')
        .min(0, 'Thời hạn giải quyết không được âm (0 nghĩa là trả trong ngày).'),
      unit: oneOf(DURATION_UNITS, 'Đơn vị thời hạn'),
      /** Received after 15:00, a same-day procedure counts from the next working day. */
      sameDayCutoff: flag('Quy tắc tiếp nhận sau 15 giờ'),
      /** Extensions a leader may approve per dossier; left out, DEFAULT_MAX_EXTENSIONS; 0 when the procedure allows none. */
      maxExtensions: z
        .number({ error: 'Số lần gia hạn tối đa phải là một số.' })
        .int('Số lần gia hạn tối đa phải là số nguyên.')
        .min(0, 'Số lần gia hạn tối đa không được âm (0 nghĩa là không được gia hạn).')
        .max(3, 'Số lần gia hạn tối đa không quá 3.')
        .optional(),
    },
    rejectUnknownKeys('Thời hạn giải quyết'),
  )
  .superRefine((time, context) => {
    if (time.value > MAX_DURATION[time.unit]) {
      context.addIssue({
        code: 'custom',
        path: ['value'],
        message: `Thời hạn giải quyết tối đa ${MAX_DURATION_DAYS} ngày (${MAX_DURATION[time.unit]} theo đơn vị ${time.unit}); đã nhập ${time.value}.`,
      });
    }
  });
export type ProcessingTime = z.infer<typeof processingTimeSchema>;

const currency = z.literal('VND', {
  error: (issue) =>
    issue.input === undefined
      ? 'Thiếu đơn vị tiền tệ: mỗi khoản phí, lệ phí phải ghi currency "VND".'
      : 'Đơn vị tiền tệ chỉ được là "VND".',
});

export const feeSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject(
      {
        kind: z.literal('fixed'),
        name: text('tên khoản phí, lệ phí', 300),
        amount: dong('Mức thu'),
        currency,
        condition: text('điều kiện áp dụng', 500).optional(),
      },
      rejectUnknownKeys('Khoản phí cố định'),
    ),
    z.strictObject(
      {
        kind: z.literal('per_page'),
        name: text('tên khoản phí, lệ phí', 300),
        /** How many pages are charged at the first price, e.g. 2 (TT 226/2016: 2,000đ for pages 1–2). */
        firstPages: z.number({ error: 'Số trang tính giá đầu phải là số.' }).int().min(1, 'Số trang tính giá đầu tối thiểu là 1.').max(1_000),
        firstPagePrice: dong('Giá mỗi trang đầu'),
        nextPagePrice: dong('Giá mỗi trang tiếp theo'),
        cap: dong('Mức thu tối đa').optional(),
        currency,
        condition: text('điều kiện áp dụng', 500).optional(),
      },
      rejectUnknownKeys('Khoản phí theo trang'),
    ),
    z.strictObject(
      {
        kind: z.literal('free'),
        name: text('tên khoản miễn phí', 300),
        description: text('mô tả trường hợp miễn phí', 500),
        currency,
      },
      rejectUnknownKeys('Khoản miễn phí'),
    ),
  ],
  { error: 'Loại phí, lệ phí (kind) phải là fixed, per_page hoặc free.' },
);
export type Fee = z.infer<typeof feeSchema>;

export const componentSchema = z.strictObject(
  {
    name: text('tên thành phần hồ sơ', 500),
    copyType: oneOf(COMPONENT_COPY_TYPES, 'Loại bản (copyType)'),
    quantity: z.number({ error: 'Số lượng phải là số.' }).int().min(1, 'Số lượng tối thiểu là 1.').max(50, 'Số lượng tối đa là 50.'),
    templateForm: text('tên mẫu đơn, tờ khai', 300).optional(),
    /** May be taken from the citizen's document store instead of being submitted again. */
    reusable: flag('Tái sử dụng từ kho dữ liệu của công dân'),
    condition: text('điều kiện áp dụng', 500).optional(),
    /** Which kinds of file may be uploaded for it; every kind of `UPLOAD_FILE_KINDS` when absent. */
    fileKinds: z
      .array(oneOf(UPLOAD_FILE_KINDS, 'Loại tệp (fileKinds)'), { error: 'Loại tệp (fileKinds) phải là danh sách.' })
      .min(1, 'Cần ít nhất một loại tệp.')
      .max(UPLOAD_FILE_KINDS.length)
      .optional(),
    /** The largest file accepted for it, in MB; `DEFAULT_COMPONENT_MAX_MB` when absent. */
    maxSizeMb: z
      .number({ error: 'Dung lượng tối đa (maxSizeMb) phải là số MB.' })
      .int('Dung lượng tối đa (maxSizeMb) phải là số MB nguyên.')
      .min(1, 'Dung lượng tối đa tối thiểu 1 MB.')
      .max(MAX_COMPONENT_MAX_MB, `Dung lượng tối đa không quá ${MAX_COMPONENT_MAX_MB} MB.`)
      .optional(),
  },
  rejectUnknownKeys('Thành phần hồ sơ'),
);
export type DossierComponent = z.infer<typeof componentSchema>;

export const channelsSchema = z
  .strictObject(
    {
      counter: flag('Tiếp nhận tại Bộ phận Một cửa'),
      online: oneOf(ONLINE_CHANNELS, 'Mức dịch vụ công trực tuyến'),
      postalPickup: flag('Tiếp nhận qua bưu chính'),
      postalReturn: flag('Trả kết quả qua bưu chính'),
    },
    rejectUnknownKeys('Cách thức thực hiện'),
  )
  .refine((channels) => channels.counter || channels.online !== 'none' || channels.postalPickup, {
    message: 'Thủ tục phải có ít nhất một cách nộp hồ sơ (trực tiếp, trực tuyến hoặc qua bưu chính).',
  });
export type Channels = z.infer<typeof channelsSchema>;

export const workflowStepSchema = z.strictObject(
  {
    key: z
      .string({ error: 'Thiếu mã bước (key).' })
      .regex(/^[a-z][a-z0-9_-]{0,39}$/, 'Mã bước chỉ gồm chữ thường không dấu, số, - và _ (ví dụ "tham-dinh").'),
    kind: oneOf(STEP_KINDS, 'Loại bước'),
    name: text('tên bước', 200),
    role: oneOf(STEP_ROLES, 'Vai trò thực hiện bước'),
    sharePercent: z
      .number({ error: 'Tỷ lệ thời gian của bước phải là số.' })
      .int('Tỷ lệ thời gian của bước phải là số nguyên phần trăm.')
      .min(0, 'Tỷ lệ thời gian của bước không được âm.')
      .max(100, 'Tỷ lệ thời gian của bước tối đa 100%.'),
  },
  rejectUnknownKeys('Bước quy trình'),
);
export type WorkflowStep = z.infer<typeof workflowStepSchema>;

export const workflowSchema = z
  .array(workflowStepSchema, { error: 'Quy trình phải là danh sách các bước.' })
  .min(2, 'Quy trình phải có ít nhất bước tiếp nhận và bước trả kết quả.')
  .max(20, 'Quy trình tối đa 20 bước.')
  .superRefine((steps, context) => {
    const seen = new Set<string>();
    steps.forEach((step, index) => {
      if (seen.has(step.key)) context.addIssue({ code: 'custom', path: [index, 'key'], message: `Mã bước "${step.key}" bị trùng.` });
      seen.add(step.key);
    });
    if (steps[0] && steps[0].kind !== 'receive') {
      context.addIssue({ code: 'custom', path: [0, 'kind'], message: 'Bước đầu tiên phải là tiếp nhận hồ sơ (receive).' });
    }
    const last = steps[steps.length - 1];
    if (last && last.kind !== 'return') {
      context.addIssue({ code: 'custom', path: [steps.length - 1, 'kind'], message: 'Bước cuối cùng phải là trả kết quả (return).' });
    }
    const total = steps.reduce((sum, step) => sum + step.sharePercent, 0);
    if (total !== 100) {
      context.addIssue({ code: 'custom', message: `Tổng tỷ lệ thời gian của các bước phải đúng 100% (hiện là ${total}%).` });
    }
  });

/** Everything a version says, before the cross-field rules (kept apart so a PATCH can be partial). */
const versionContentShape = {
  name: nameSchema('tên thủ tục', 500),
  field: oneOf(FIELD_CODES, 'Lĩnh vực'),
  level: oneOf(COMPETENT_LEVELS, 'Cấp thực hiện'),
  agency: z.strictObject(
    { kind: oneOf(AGENCY_KINDS, 'Loại cơ quan thực hiện'), name: nameSchema('tên cơ quan thực hiện', 300) },
    rejectUnknownKeys('Cơ quan thực hiện'),
  ),
  processingTime: processingTimeSchema,
  fees: z.array(feeSchema, { error: 'Phí, lệ phí phải là danh sách.' }).min(1, 'Cần ít nhất một khoản phí, lệ phí (ghi "free" nếu miễn phí).').max(30),
  components: z.array(componentSchema, { error: 'Thành phần hồ sơ phải là danh sách.' }).min(1, 'Cần ít nhất một thành phần hồ sơ.').max(60),
  result: z.strictObject(
    { type: oneOf(RESULT_TYPES, 'Loại kết quả'), name: text('tên kết quả', 300) },
    rejectUnknownKeys('Kết quả thực hiện'),
  ),
  channels: channelsSchema,
  legalBasis: z.array(text('căn cứ pháp lý', 500), { error: 'Căn cứ pháp lý phải là danh sách.' }).min(1, 'Cần ít nhất một căn cứ pháp lý.').max(50),
  workflow: workflowSchema,
  effectiveFrom: isoDate('Ngày có hiệu lực'),
};
const versionContentObject = z.strictObject(versionContentShape, rejectUnknownKeys('Thủ tục'));

const levelMatchesAgency = (content: { level: CompetentLevel; agency: { kind: string } }, context: z.RefinementCtx) => {
  if ((content.level === 'vertical') !== (content.agency.kind === 'vertical_agency')) {
    context.addIssue({
      code: 'custom',
      path: ['agency', 'kind'],
      message: 'Thủ tục của cơ quan ngành dọc phải có cấp thực hiện "vertical" và ngược lại.',
    });
  }
};

export const versionContentSchema = versionContentObject.superRefine(levelMatchesAgency);
export type VersionContent = z.infer<typeof versionContentSchema>;

export const createProcedureRequestSchema = versionContentObject
  .extend({ code: procedureCodeSchema })
  .superRefine(levelMatchesAgency);
export type CreateProcedureRequest = z.infer<typeof createProcedureRequestSchema>;

const versionNumber = z.coerce
  .number({ error: 'Số phiên bản phải là số.' })
  .int('Số phiên bản phải là số nguyên.')
  .min(1, 'Số phiên bản bắt đầu từ 1.')
  .max(100_000);
const versionRef = { code: procedureCodeSchema, version: versionNumber };
const partialContent = z.strictObject(versionContentShape, rejectUnknownKeys('Nội dung thay đổi')).partial();

/** A new draft starts as a copy of the latest version with these changes applied. */
export const createVersionRequestSchema = z.strictObject(
  { code: procedureCodeSchema, changes: partialContent.default({}) },
  rejectUnknownKeys('Yêu cầu'),
);
export type CreateVersionRequest = z.infer<typeof createVersionRequestSchema>;

/** Replaces the given top-level parts of a draft (a list such as `fees` is replaced whole). */
export const updateVersionRequestSchema = z.strictObject({ ...versionRef, changes: partialContent }, rejectUnknownKeys('Yêu cầu'));
export type UpdateVersionRequest = z.infer<typeof updateVersionRequestSchema>;

export const versionRefSchema = z.strictObject(versionRef, rejectUnknownKeys('Yêu cầu'));
export type VersionRef = z.infer<typeof versionRefSchema>;

export const withdrawVersionRequestSchema = z.strictObject(
  { ...versionRef, reason: text('lý do thu hồi', 500, 5) },
  rejectUnknownKeys('Yêu cầu'),
);
export type WithdrawVersionRequest = z.infer<typeof withdrawVersionRequestSchema>;

export const procedureRefSchema = z.strictObject({ code: procedureCodeSchema }, rejectUnknownKeys('Yêu cầu'));

/** `at` is a day (start of that day in Vietnam) or an instant such as a dossier's receipt time; default now. */
export const versionInForceRequestSchema = z.strictObject(
  {
    code: procedureCodeSchema,
    at: fromQuery(
      z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
        error: 'Thời điểm tra cứu phải là ngày YYYY-MM-DD hoặc thời điểm ISO 8601 có múi giờ.',
      }),
    ),
  },
  rejectUnknownKeys('Yêu cầu'),
);
export type VersionInForceRequest = z.infer<typeof versionInForceRequestSchema>;

export const MAX_SEARCH_LIMIT = 50;
export const searchProceduresRequestSchema = z
  .strictObject(
    {
      q: fromQuery(z.string().trim().max(200, 'Từ khóa tìm kiếm tối đa 200 ký tự.')),
      field: fromQuery(oneOf(FIELD_CODES, 'Lĩnh vực')),
      level: fromQuery(oneOf(COMPETENT_LEVELS, 'Cấp thực hiện')),
      limit: fromQuery(
        z.coerce
          .number({ error: 'Số kết quả mỗi trang phải là số.' })
          .int('Số kết quả mỗi trang phải là số nguyên.')
          .min(1, 'Số kết quả mỗi trang tối thiểu là 1.')
          .max(MAX_SEARCH_LIMIT, `Số kết quả mỗi trang tối đa là ${MAX_SEARCH_LIMIT}.`),
      ),
      offset: fromQuery(z.coerce.number({ error: 'Vị trí bắt đầu phải là số.' }).int().min(0, 'Vị trí bắt đầu không được âm.').max(100_000)),
      cursor: fromQuery(z.string().max(200)),
    },
    rejectUnknownKeys('Tìm kiếm'),
  )
  .refine((query) => query.offset === undefined || query.cursor === undefined, {
    message: 'Chỉ dùng một trong hai: offset hoặc cursor.',
    path: ['cursor'],
  });
export type SearchProceduresRequest = z.infer<typeof searchProceduresRequestSchema>;

const handlerAssignmentSchema = z.strictObject(
  {
    step: z.string({ error: 'Thiếu mã bước (step).' }).min(1),
    accountIds: z
      .array(z.uuid('Mã tài khoản người xử lý không hợp lệ.'))
      .min(1, 'Mỗi bước được phân công cần ít nhất một người xử lý.')
      .max(50, 'Mỗi bước tối đa 50 người xử lý.'),
  },
  rejectUnknownKeys('Phân công người xử lý'),
);

/**
 * What a unit may decide for a procedure it adopts: who handles each step and
 * which of the province's channels it offers. The legal time, fees and
 * components are the province's: sending them is refused by name.
 */
export const putAdoptionRequestSchema = z.strictObject(
  {
    unitCode: unitCodeSchema,
    code: procedureCodeSchema,
    active: flag('Trạng thái áp dụng').default(true),
    handlers: z
      .array(handlerAssignmentSchema)
      .max(20)
      .default([])
      .superRefine((handlers, context) => {
        const seen = new Set<string>();
        handlers.forEach((assignment, index) => {
          if (seen.has(assignment.step)) {
            context.addIssue({ code: 'custom', path: [index, 'step'], message: `Bước "${assignment.step}" được phân công hai lần.` });
          }
          seen.add(assignment.step);
        });
      }),
    channels: z
      .strictObject(
        {
          online: oneOf(ONLINE_CHANNELS, 'Mức dịch vụ công trực tuyến').optional(),
          postalPickup: flag('Tiếp nhận qua bưu chính').optional(),
          postalReturn: flag('Trả kết quả qua bưu chính').optional(),
        },
        rejectUnknownKeys('Cách thức thực hiện của đơn vị'),
      )
      .default({}),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Đơn vị chỉ được phân công người xử lý và thu hẹp cách thức tiếp nhận, trả kết quả; không được thay đổi thời hạn, phí, lệ phí hay thành phần hồ sơ (trường không được phép: ${issue.keys.join(', ')}).`
        : rejectUnknownKeys('Yêu cầu').error(issue),
  },
);
export type PutAdoptionRequest = z.infer<typeof putAdoptionRequestSchema>;

export const adoptionRefSchema = z.strictObject({ unitCode: unitCodeSchema, code: procedureCodeSchema }, rejectUnknownKeys('Yêu cầu'));

// ---- replies ------------------------------------------------------------------------------------

export interface ProcedureVersionView extends VersionContent {
  code: string;
  version: number;
  status: VersionStatus;
  fieldName: string;
  createdAt: string;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
}

export interface ProcedureVersionSummary {
  code: string;
  version: number;
  status: VersionStatus;
  effectiveFrom: string;
  name: string;
  publishedAt: string | null;
  withdrawnAt: string | null;
}

export interface ProcedureSearchHit {
  code: string;
  name: string;
  field: FieldCode;
  fieldName: string;
  level: CompetentLevel;
  agencyName: string;
  processingTime: ProcessingTime;
  online: (typeof ONLINE_CHANNELS)[number];
  version: number;
  effectiveFrom: string;
}

export interface ProcedureSearchPage {
  items: ProcedureSearchHit[];
  total: number;
  limit: number;
  offset: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface AdoptionView {
  unitCode: string;
  code: string;
  active: boolean;
  handlers: { step: string; accountIds: string[] }[];
  channels: PutAdoptionRequest['channels'];
  updatedAt: string;
  updatedBy: string;
}

// ---- events -------------------------------------------------------------------------------------

export const procedurePublishedV1 = defineEvent(
  'catalog',
  'procedure',
  'published',
  1,
  z.object({
    code: z.string(),
    version: z.number().int().positive(),
    content: versionContentSchema,
    publishedAt: z.iso.datetime({ offset: true }),
    publishedBy: z.string(),
  }),
);

export const procedureWithdrawnV1 = defineEvent(
  'catalog',
  'procedure',
  'withdrawn',
  1,
  z.object({
    code: z.string(),
    version: z.number().int().positive(),
    effectiveFrom: z.iso.date(),
    reason: z.string(),
    withdrawnAt: z.iso.datetime({ offset: true }),
    withdrawnBy: z.string(),
  }),
);

export const adoptionChangedV1 = defineEvent(
  'catalog',
  'adoption',
  'changed',
  1,
  z.object({
    unitCode: z.string(),
    code: z.string(),
    active: z.boolean(),
    handlers: z.array(z.object({ step: z.string(), accountIds: z.array(z.string()) })),
    channels: z.object({
      online: z.enum(ONLINE_CHANNELS).optional(),
      postalPickup: z.boolean().optional(),
      postalReturn: z.boolean().optional(),
    }),
    changedAt: z.iso.datetime({ offset: true }),
    changedBy: z.string(),
  }),
);
