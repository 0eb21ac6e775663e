import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { dossierDueSoonV1, dossierHandedOverV1, type EventEnvelope } from '@mc/contracts';
import { displayDate } from '../display';
import { addStaffNotices } from './staff-notice';

/**
 * Notices for the staff who hold a dossier: it came to their unit's queue
 * (handed over to the next step), it is due soon, or it is overdue (for a
 * liên thông agency's share, that agency's unit).
 */
@Injectable()
export class RecordStaffNotice {
  constructor(private readonly dataSource: DataSource) {}

  async execute(event: EventEnvelope): Promise<void> {
    // One idempotent statement needs no transaction (BEGIN and COMMIT were two of its three round trips).
    const manager = this.dataSource.manager;
    if (event.type === 'dossier.handed-over') {
      const data = dossierHandedOverV1.schema.parse(event.data);
      if (!data.toStep) return;
      await addStaffNotices(manager, [
        {
          eventId: event.id,
          kind: 'new_in_queue',
          unitCode: data.competentUnitCode,
          dossierCode: data.code,
          text: `Hồ sơ ${data.code} được chuyển đến bước "${data.toStepName ?? data.toStep}", hẹn trả ${displayDate(data.dueAt)}.`,
          at: data.occurredAt,
        },
      ]);
      return;
    }
    const data = dossierDueSoonV1.schema.parse(event.data);
    const overdue = event.type === 'dossier.overdue';
    const scope = data.scope === 'step' ? 'Bước đang xử lý của hồ sơ' : data.scope === 'agency' ? 'Phần việc liên thông của hồ sơ' : 'Hồ sơ';
    await addStaffNotices(manager, [
      {
        eventId: event.id,
        kind: overdue ? 'overdue' : 'due_soon',
        unitCode: data.agencyUnitCode ?? data.competentUnitCode,
        dossierCode: data.code,
        text: `${scope} ${data.code} ${overdue ? 'đã quá hạn' : 'sắp đến hạn'} (hạn ${displayDate(data.markedDueAt)}).`,
        at: data.occurredAt,
      },
    ]);
  }
}
