import { randomUUID } from 'node:crypto';
import { dossierReceivedV1, eventEnvelope, type EventEnvelope } from '@mc/contracts';

type Contact = NonNullable<ReturnType<typeof dossierReceivedV1.schema.parse>['contact']>;

/** A receipt as the dossier service publishes it, numbered `index` under `code`; `contact` when the applicant consented. */
export const receivedEvent = (index: number, code: string, contact: Contact | null): EventEnvelope => {
  const now = new Date().toISOString();
  return eventEnvelope(
    dossierReceivedV1,
    {
      dossierId: randomUUID(),
      code,
      procedureCode: '1.001022',
      receivingUnitCode: '05983',
      competentUnitCode: '05983',
      state: 'in_progress',
      step: 'tiep-nhan',
      dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
      occurredAt: now,
      actor: 'tiepnhan.lvt',
      channelCode: 1,
      receivedAt: now,
      procedureVersion: 1,
      procedureName: 'Đăng ký khai tử',
      applicantName: `Nguyễn Văn ${index}`,
      returnMethod: 'counter',
      ...(contact ? { contact } : {}),
      trackingPath: `/api/v1/tracking/${code}?token=t${index}`,
    },
    now,
  );
};
