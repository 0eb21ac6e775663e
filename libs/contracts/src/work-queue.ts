import { z } from 'zod';
import { DOSSIER_CHANNELS, DOSSIER_STATES, type DossierChannel, type DossierState, type ReturnMethod } from './dossier';

/**
 * Work queues (hàng đợi công việc) over open dossiers: what a clerk, a
 * specialist or a leader has to do next, in due order, and the dashboard counts.
 */
export const WorkQueueSubjects = {
  list: 'dossier.work-queue.list',
  counts: 'dossier.work-queue.counts',
} as const;

/**
 * - `mine`: the current step's role is one the caller holds in the step's unit;
 * - `unit`: the current step's unit is in the caller's subtree;
 * - `due_soon`: due within the next 24 hours and not yet overdue (clock running);
 * - `overdue`: past due and not finished (clock running);
 * - `waiting_supplement`: waiting for the applicant's supplement (clock stopped).
 */
/** `inter_agency`: dossiers an agency shares through liên thông, whose part is assigned to it or under way. */
export const WORK_QUEUE_KINDS = ['mine', 'unit', 'due_soon', 'overdue', 'waiting_supplement', 'inter_agency'] as const;
export type WorkQueueKind = (typeof WORK_QUEUE_KINDS)[number];

export const MAX_WORK_QUEUE_LIMIT = 100;
export const DUE_SOON_HOURS = 24;

const fromQuery = <T extends z.ZodType>(schema: T) => z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const filterShape = {
  procedureCode: fromQuery(z.string().trim().min(1).max(40, 'Mã thủ tục tối đa 40 ký tự.')),
  channel: fromQuery(z.enum(Object.keys(DOSSIER_CHANNELS) as [DossierChannel, ...DossierChannel[]], 'Kênh nộp phải là counter, online hoặc postal.')),
  receivingUnitCode: fromQuery(z.string().trim().min(1).max(40, 'Mã đơn vị tiếp nhận tối đa 40 ký tự.')),
  state: fromQuery(z.enum(DOSSIER_STATES, 'Trạng thái hồ sơ không hợp lệ.')),
};

const unknownKeys = (where: string) => ({
  error: (issue: { code: string; keys?: string[] }) =>
    issue.code === 'unrecognized_keys' ? `${where} không có trường ${issue.keys?.map((key) => `"${key}"`).join(', ')}.` : undefined,
});

export const workQueueFilterSchema = z.strictObject(filterShape, unknownKeys('Bộ lọc'));
export type WorkQueueFilter = z.infer<typeof workQueueFilterSchema>;

export const listWorkQueueRequestSchema = z.strictObject(
  {
    queue: z.enum(WORK_QUEUE_KINDS, `Hàng đợi phải là một trong: ${WORK_QUEUE_KINDS.join(', ')}.`),
    ...filterShape,
    limit: fromQuery(
      z.coerce
        .number({ error: 'Số hồ sơ mỗi trang phải là số.' })
        .int('Số hồ sơ mỗi trang phải là số nguyên.')
        .min(1, 'Số hồ sơ mỗi trang tối thiểu là 1.')
        .max(MAX_WORK_QUEUE_LIMIT, `Số hồ sơ mỗi trang tối đa là ${MAX_WORK_QUEUE_LIMIT}.`),
    ),
    cursor: fromQuery(z.string().max(200, 'Con trỏ trang không hợp lệ.')),
  },
  unknownKeys('Yêu cầu'),
);
export type ListWorkQueueRequest = z.infer<typeof listWorkQueueRequestSchema>;

export interface WorkQueueItem {
  id: string;
  code: string;
  procedure: { code: string; name: string };
  channel: DossierChannel;
  receivingUnitCode: string;
  competentUnitCode: string;
  applicantName: string;
  state: DossierState;
  stateLabel: string;
  currentStep: { key: string; name: string; role: string } | null;
  receivedAt: string;
  dueAt: string;
  dueAtDisplay: string;
  stepDueAt: string | null;
  overdue: boolean;
  /** How the applicant chose to collect the result: the return desk sorts the counter's from the post's. */
  returnMethod: ReturnMethod;
}

export interface WorkQueuePage {
  queue: WorkQueueKind;
  items: WorkQueueItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export type WorkQueueCounts = Record<WorkQueueKind, number> & { asOf: string };
