import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { dossierPostalReturnRequestedV1, type EventEnvelope, type MappedAddress } from '@mc/contracts';
import { Inbox } from '@mc/messaging';

export const RETURN_CONSUMER = 'postal.return-requested';

/**
 * A result to be returned by post is issued: the delivery order is queued for
 * the operator, to the address the citizen chose with the pickup (mapped to
 * the units in force), or else the address the dossier carries. One per dossier.
 */
@Injectable()
export class OpenReturnOrder {
  constructor(private readonly inbox: Inbox) {}

  async execute(event: EventEnvelope): Promise<void> {
    const request = dossierPostalReturnRequestedV1.schema.parse(event.data);
    await this.inbox.handleOnce(RETURN_CONSUMER, event.id, async (manager) => {
      const [pickup]: { submission: { returnAddressMapped?: MappedAddress } | null; contact: unknown; collected_fees: number }[] = await manager.query(
        "SELECT submission, contact FROM orders WHERE dossier_id = $1 AND leg = 'pickup'",
        [request.dossierId],
      );
      const text = request.address ?? '';
      const address: MappedAddress = pickup?.submission?.returnAddressMapped ?? {
        provinceCode: '',
        communeCode: '',
        communeName: '',
        street: text,
        display: text,
        mappedFrom: null,
      };
      const id = randomUUID();
      const inserted: unknown[] = await manager.query(
        `INSERT INTO orders (id, leg, procedure_code, receiving_unit_code, dossier_id, dossier_code, address, contact, requested_by, created_at)
         VALUES ($1, 'return', $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT DO NOTHING RETURNING id`,
        [
          id,
          request.procedureCode,
          request.receivingUnitCode,
          request.dossierId,
          request.code,
          JSON.stringify(address),
          JSON.stringify(pickup?.contact ?? request.applicant),
          request.actor,
        ],
      );
      if (inserted.length) await manager.query('INSERT INTO operator_queue (order_id) VALUES ($1)', [id]);
    });
  }
}
