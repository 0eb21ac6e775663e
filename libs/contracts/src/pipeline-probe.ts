import { z } from 'zod';
import { defineEvent } from './events';

/**
 * The pipeline probe: an operator's synthetic transaction that walks the whole
 * write path (gateway → dossier → Postgres + outbox → JetStream → reporting)
 * and tells whether each hop happened. It is the first real flow of the platform.
 */
export const PipelineProbeSubjects = {
  record: 'dossier.probe.record',
  get: 'reporting.probe.get',
} as const;

export const recordProbeRequestSchema = z.object({
  note: z.string().trim().max(200, 'Ghi chú tối đa 200 ký tự.').optional(),
});
export type RecordProbeRequest = z.infer<typeof recordProbeRequestSchema>;

export interface RecordedProbe {
  probeId: string;
  note: string | null;
  recordedAt: string;
  recordedBy: string;
}

export const probeRecordedV1 = defineEvent(
  'dossier',
  'probe',
  'recorded',
  1,
  z.object({
    probeId: z.uuid(),
    note: z.string().nullable(),
    recordedAt: z.iso.datetime({ offset: true }),
    recordedBy: z.string(),
  }),
);

export const getProbeRequestSchema = z.object({ probeId: z.uuid('Mã thăm dò không hợp lệ.') });

export interface ProbeReceipt {
  probeId: string;
  recordedAt: string;
  receivedAt: string;
  /** Milliseconds from the dossier service's commit to the reporting projection. */
  lagMs: number;
}
