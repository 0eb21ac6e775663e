import { Injectable } from '@nestjs/common';
import { probeRecordedV1, type EventEnvelope } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const PROBE_RECEIPTS_CONSUMER = 'reporting.pipeline-probe-receipts';

/** Records that a probe's event reached reporting; a redelivered event changes nothing. */
@Injectable()
export class RecordProbeReceipt {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<boolean> {
    const data = probeRecordedV1.schema.parse(event.data);
    return this.inbox.handleOnce(PROBE_RECEIPTS_CONSUMER, event.id, async (manager) => {
      await manager.query(
        `INSERT INTO pipeline_probe_receipts (probe_id, recorded_at, deliveries)
         VALUES ($1, $2, 1)
         ON CONFLICT (probe_id) DO UPDATE SET deliveries = pipeline_probe_receipts.deliveries + 1`,
        [data.probeId, data.recordedAt],
      );
    });
  }
}
