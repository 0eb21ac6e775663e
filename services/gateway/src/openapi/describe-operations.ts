import type { OpenAPIObject } from '@nestjs/swagger';
import { z } from 'zod';
import {
  accountCreateSchema,
  applyRetentionRequestSchema,
  certifyCopyRequestSchema,
  registerSignedResultRequestSchema,
  sealResultRequestSchema,
  signReceiptRequestSchema,
  signResultRequestSchema,
  verifyPdfRequestSchema,
  accountDisableSchema,
  accountListSchema,
  calendarUnitCodeSchema,
  citizenRegisterSchema,
  citizenVerifySchema,
  costsRequestSchema,
  confirmHandoverRequestSchema,
  createPostalOrderRequestSchema,
  createProcedureRequestSchema,
  createVersionRequestSchema,
  deliveryReportSchema,
  dossierActionRequestSchema,
  dueDateRequestSchema,
  ERROR_HTTP_STATUS,
  inboundSmsSchema,
  listDeadLettersRequestSchema,
  handoverBoardRequestSchema,
  listWorkQueueRequestSchema,
  operatorStatusReportSchema,
  prepareHandoverRequestSchema,
  putAdoptionRequestSchema,
  rateDossierRequestSchema,
  reconcileRequestSchema,
  reuseFromStoreRequestSchema,
  storeVerifiedDocumentRequestSchema,
  receiveDossierRequestSchema,
  recordProbeRequestSchema,
  roleGrantInputSchema,
  saveTemplateRequestSchema,
  searchProceduresRequestSchema,
  setCalendarDaysRequestSchema,
  setCalendarHoursRequestSchema,
  setUnitOverrideRequestSchema,
  staffNoticesRequestSchema,
  markStaffNoticesReadRequestSchema,
  subHandlingActionRequestSchema,
  trackDossierRequestSchema,
  unitImportSchema,
  unitInputSchema,
  unitUpdateSchema,
  updateVersionRequestSchema,
  versionInForceRequestSchema,
  withdrawVersionRequestSchema,
  workingTimeRequestSchema,
  workQueueFilterSchema,
  type ErrorCode,
} from '@mc/contracts';
import type { ApiResponses } from './api-responses';
import { RESPONSE_SCHEMAS } from './api-responses.schema';

type JsonSchema = Record<string, unknown>;
type OperationId = keyof ApiResponses;

/**
 * What a client sends to each operation, as the schema the receiving service
 * parses it with. Fields the gateway takes from the path are left out of the
 * documented body or query: a client sends them in the path only.
 */
const REQUESTS: Partial<Record<OperationId, { body?: z.ZodType; query?: z.ZodType }>> = {
  PipelineProbeController_record: { body: recordProbeRequestSchema },
  UnitsController_update: { body: unitUpdateSchema },
  UnitsController_create: { body: unitInputSchema },
  UnitsController_import: { body: unitImportSchema },
  AccountsController_list: { query: accountListSchema.pick({ limit: true, after: true }) },
  AccountsController_create: { body: accountCreateSchema },
  AccountsController_disable: { body: accountDisableSchema },
  AccountsController_grant: { body: roleGrantInputSchema },
  AccountsController_registerCitizen: { body: citizenRegisterSchema },
  AccountsController_verifyCitizen: { body: citizenVerifySchema },
  CalendarController_dueDate: { body: dueDateRequestSchema },
  CalendarController_workingTime: { body: workingTimeRequestSchema },
  CalendarController_setUnitOverride: { body: setUnitOverrideRequestSchema },
  CalendarController_get: { query: z.object({ unit: calendarUnitCodeSchema.optional() }) },
  CalendarController_setDays: { body: setCalendarDaysRequestSchema },
  CalendarController_setHours: { body: setCalendarHoursRequestSchema },
  DossiersController_receive: { body: receiveDossierRequestSchema },
  DossiersController_act: { body: dossierActionRequestSchema },
  DossiersController_actOnSubHandling: { body: subHandlingActionRequestSchema },
  WorkQueuesController_counts: { query: workQueueFilterSchema },
  WorkQueuesController_list: { query: listWorkQueueRequestSchema },
  TrackingController_track: { query: trackDossierRequestSchema },
  RatingsController_rate: { body: rateDossierRequestSchema },
  ProceduresController_search: { query: searchProceduresRequestSchema },
  ProceduresController_create: { body: createProcedureRequestSchema },
  ProceduresController_createVersion: { body: createVersionRequestSchema.shape.changes },
  ProceduresController_inForce: { query: versionInForceRequestSchema },
  ProceduresController_update: { body: updateVersionRequestSchema.shape.changes },
  ProceduresController_withdraw: { body: withdrawVersionRequestSchema },
  UnitAdoptionsController_put: { body: putAdoptionRequestSchema },
  PostalController_create: { body: createPostalOrderRequestSchema },
  // Documented as the report the operator signs; the gateway forwards its exact bytes for the signature check.
  PostalController_webhook: { body: operatorStatusReportSchema },
  PostalController_reconcile: { body: reconcileRequestSchema },
  NotificationsController_saveTemplate: { body: saveTemplateRequestSchema },
  NotificationsController_deadLetters: { query: listDeadLettersRequestSchema },
  NotificationsController_costs: { query: costsRequestSchema },
  NotificationsController_staffNotices: { query: staffNoticesRequestSchema },
  NotificationsController_markStaffNoticesRead: { body: markStaffNoticesReadRequestSchema },
  // The channel is the route's; the provider's token travels in x-provider-token.
  NotificationsController_smsReport: { body: deliveryReportSchema.omit({ channel: true }) },
  NotificationsController_zaloReport: { body: deliveryReportSchema.omit({ channel: true }) },
  NotificationsController_inboundSms: { body: inboundSmsSchema },
  PostalController_handovers: { query: handoverBoardRequestSchema },
  PostalController_prepareHandover: { body: prepareHandoverRequestSchema },
  PostalController_confirmHandover: { body: confirmHandoverRequestSchema },
  DocumentsController_reuse: { body: reuseFromStoreRequestSchema },
  DocumentsController_storeVerified: { body: storeVerifiedDocumentRequestSchema },
  DocumentsController_retention: { body: applyRetentionRequestSchema },
  SignaturesController_signResult: { body: signResultRequestSchema },
  SignaturesController_registerSignedResult: { body: registerSignedResultRequestSchema },
  SignaturesController_seal: { body: sealResultRequestSchema },
  SignaturesController_signReceipt: { body: signReceiptRequestSchema },
  SignaturesController_certifyCopy: { body: certifyCopyRequestSchema },
  SignaturesController_verify: { body: verifyPdfRequestSchema },
};

/** Where a field the gateway fills from the path has another name in the body. */
const PATH_FIELDS: Partial<Record<OperationId, string[]>> = {
  DocumentsController_storeVerified: ['dossierCode'],
  SignaturesController_signResult: ['dossierCode'],
  SignaturesController_registerSignedResult: ['dossierCode'],
  SignaturesController_seal: ['dossierCode'],
  SignaturesController_signReceipt: ['dossierCode'],
  SignaturesController_certifyCopy: ['dossierCode'],
};

/** Codes of an operation's own rules, beyond those every operation of its kind answers. */
const OWN_ERRORS: Partial<Record<OperationId, ErrorCode[]>> = {
  DossiersController_act: ['SIGNATURE_REQUIRED'],
  SignaturesController_registerSignedResult: ['SIGNATURE_INVALID', 'SIGNATURE_MISMATCH'],
  SignaturesController_seal: ['SIGNATURE_REQUIRED'],
};

/** The tus steps answer in headers only (tus 1.0): what each one sets. */
const HEADERS_ONLY: Partial<Record<OperationId, Record<string, string>>> = {
  FileTransferController_create: { Location: 'Địa chỉ của lượt tải lên, để gửi nội dung (PATCH) và hỏi vị trí (HEAD)', 'Tus-Resumable': '1.0.0' },
  FileTransferController_offset: {
    'Upload-Offset': 'Số byte đã nhận: gửi tiếp từ đây',
    'Upload-Length': 'Dung lượng tệp đã khai báo',
    'X-Document-Id': 'Mã tài liệu, khi tệp đã nhận đủ',
  },
  FileTransferController_append: { 'Upload-Offset': 'Số byte đã nhận', 'X-Document-Id': 'Mã tài liệu, khi tệp đã nhận đủ' },
};

/** The media types of the files an operation can answer with. */
const FILES: Partial<Record<OperationId, string[]>> = {
  FormsController_dossierForm: ['application/pdf'],
  FormsController_trackingBook: ['application/pdf'],
  FileTransferController_content: ['application/octet-stream'],
};
/** Health answers 503 with the same report as its 200, naming the service that is down. */
const SUCCESS_BODY_ON: Partial<Record<OperationId, number[]>> = { HealthController_health: [503] };
const EXPORT_TYPES = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf'];

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', enum: Object.keys(ERROR_HTTP_STATUS) },
        message: { type: 'string', description: 'Bằng tiếng Việt, cho người ở quầy: chuyện gì xảy ra và cần làm gì.' },
        details: {},
      },
    },
    traceId: { type: 'string' },
  },
};

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Dữ liệu gửi lên không hợp lệ',
  401: 'Chưa đăng nhập hoặc mã đăng nhập hết hạn',
  403: 'Không có quyền thực hiện thao tác này',
  404: 'Không tìm thấy (hoặc ngoài phạm vi của người xem)',
  409: 'Xung đột với trạng thái hiện tại',
  413: 'Dữ liệu gửi lên quá lớn',
  429: 'Gửi quá nhiều yêu cầu',
  500: 'Lỗi không lường trước (kèm mã vết để tra cứu)',
  502: 'Dịch vụ phía sau trả lời không hợp lệ',
  503: 'Dịch vụ tạm thời không phục vụ',
  504: 'Dịch vụ không trả lời kịp',
};

/** The error codes an operation can answer, from what it takes and whether it changes anything. */
function errorCodesOf(method: string, operation: Operation, takesInput: boolean): ErrorCode[] {
  const codes: ErrorCode[] = ['INTERNAL', 'UPSTREAM_ERROR', 'SERVICE_UNAVAILABLE', 'SERVICE_TIMEOUT', 'RATE_LIMITED'];
  if (takesInput || operation.parameters?.length) codes.push('VALIDATION_FAILED');
  if (method !== 'get') codes.push('PAYLOAD_TOO_LARGE', 'CONFLICT', 'ILLEGAL_TRANSITION');
  if (operation.security?.length) codes.push('UNAUTHENTICATED', 'FORBIDDEN');
  if (operation.security?.length || operation.parameters?.some((parameter) => parameter.in === 'path')) codes.push('NOT_FOUND');
  return codes;
}

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: JsonSchema;
  description?: string;
}
interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }>; headers?: Record<string, unknown> }>;
  security?: unknown[];
}

// A query parameter is documented as what it becomes: its preprocessing only
// turns an empty string into "absent", and as input it would read as unknown.
const toJsonSchema = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema =>
  z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' }) as JsonSchema;

/** Drops the fields the gateway fills from the path, in every branch of a union. */
function withoutFields(schema: JsonSchema, names: string[]): JsonSchema {
  const copy: JsonSchema = { ...schema };
  delete copy.$schema;
  if (copy.properties) {
    const properties = { ...(copy.properties as Record<string, JsonSchema>) };
    for (const name of names) delete properties[name];
    copy.properties = properties;
    if (Array.isArray(copy.required)) copy.required = (copy.required as string[]).filter((name) => !names.includes(name));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(copy[key])) copy[key] = (copy[key] as JsonSchema[]).map((branch) => withoutFields(branch, names));
  }
  return copy;
}

/** The top-level properties of an object schema (or of each branch of a union of objects). */
function propertiesOf(schema: JsonSchema): { properties: Record<string, JsonSchema>; required: Set<string> } {
  const branches = (schema.anyOf ?? schema.oneOf ?? schema.allOf) as JsonSchema[] | undefined;
  if (branches) {
    const parts = branches.map(propertiesOf);
    return { properties: Object.assign({}, ...parts.map((part) => part.properties)), required: new Set() };
  }
  return { properties: (schema.properties as Record<string, JsonSchema>) ?? {}, required: new Set((schema.required as string[]) ?? []) };
}

/**
 * Gives every operation of the document its request schema (body and query
 * parameters, from the zod contracts the services parse them with), its
 * success schema (from the contracts' response types) and its error
 * responses (one shape, with the codes it can answer).
 */
export function describeOperations(document: OpenAPIObject): OpenAPIObject {
  const { definitions, properties: responses } = RESPONSE_SCHEMAS as unknown as {
    definitions: Record<string, JsonSchema>;
    properties: Record<string, JsonSchema>;
  };
  document.openapi = '3.1.0';
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...(definitions as object), ErrorResponse: ERROR_SCHEMA },
  };
  for (const [, pathItem] of Object.entries(document.paths)) {
    for (const [method, value] of Object.entries(pathItem as Record<string, Operation>)) {
      const operation = value;
      const id = operation.operationId as OperationId;
      const pathNames = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path').map((parameter) => parameter.name);
      for (const parameter of operation.parameters ?? []) parameter.schema ??= { type: 'string' };
      const request = REQUESTS[id];
      if (request?.body) {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: withoutFields(toJsonSchema(request.body), [...pathNames, 'dossierId', ...(PATH_FIELDS[id] ?? [])]) } },
        };
      }
      if (request?.query) {
        const { properties, required } = propertiesOf(withoutFields(toJsonSchema(request.query, 'output'), pathNames));
        // A parameter the controller documents by hand takes its type from the contract.
        for (const parameter of operation.parameters ?? []) {
          if (parameter.in === 'query' && properties[parameter.name]) parameter.schema = properties[parameter.name];
        }
        const documented = new Set((operation.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name));
        const added = Object.entries(properties)
          .filter(([name]) => !documented.has(name))
          .map(([name, schema]): Parameter => ({ name, in: 'query', required: required.has(name), schema, description: schema.description as string | undefined }));
        operation.parameters = [...(operation.parameters ?? []), ...added];
      }
      const [status, success] = Object.entries(operation.responses).find(([code]) => code.startsWith('2')) ?? ['200', { description: '' }];
      const files = FILES[id];
      const exportable = operation.parameters?.some((parameter) => parameter.in === 'query' && parameter.name === 'format');
      const content: Record<string, { schema: JsonSchema }> = {};
      if (files) for (const type of files) content[type] = { schema: { type: 'string', format: 'binary' } };
      else content['application/json'] = { schema: responses[id] ?? {} };
      if (exportable) for (const type of EXPORT_TYPES) content[type] = { schema: { type: 'string', format: 'binary' } };
      const headersOnly = HEADERS_ONLY[id];
      operation.responses[status] = headersOnly
        ? {
            description: success.description || 'Thành công',
            headers: Object.fromEntries(Object.entries(headersOnly).map(([name, description]) => [name, { description, schema: { type: 'string' } }])),
          }
        : { description: success.description || 'Thành công', content };
      const byStatus = new Map<number, ErrorCode[]>();
      for (const code of [...errorCodesOf(method, operation, Boolean(request)), ...(OWN_ERRORS[id] ?? [])]) {
        const httpStatus = ERROR_HTTP_STATUS[code];
        byStatus.set(httpStatus, [...(byStatus.get(httpStatus) ?? []), code]);
      }
      for (const [httpStatus, codes] of byStatus) {
        const existing = operation.responses[String(httpStatus)];
        const schema = SUCCESS_BODY_ON[id]?.includes(httpStatus) ? (responses[id] ?? {}) : { $ref: '#/components/schemas/ErrorResponse' };
        operation.responses[String(httpStatus)] = {
          description: `${existing?.description || ERROR_DESCRIPTIONS[httpStatus]} (${codes.join(', ')})`,
          content: { 'application/json': { schema } },
        };
      }
    }
  }
  return document;
}
