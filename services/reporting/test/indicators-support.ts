import { randomUUID } from 'node:crypto';
import { Module, type Type } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, eventStreamName, type EventDefinition, type EventEnvelope, type ServiceName } from '@mc/contracts';
import type { Principal, Role } from '@mc/auth';
import { durableName } from '@mc/messaging';
import { createTestDatabase, deleteNamespaceStreams, testNamespace, testNatsUrl, waitFor, type TestDatabase } from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { IndicatorsModule } from '../src/indicators/indicators.module';
import { ProceduresModule } from '../src/procedures/procedures.module';
import { reportingService } from '../src/reporting.service';
import { SatisfactionModule } from '../src/satisfaction/satisfaction.module';
import { StaffingModule } from '../src/staffing/staffing.module';

/*
 * The reporting service with its migrations and only the quality reports'
 * modules (indicators, satisfaction, staffing and their read models), so these
 * tests exercise their own consumers and queries; the projection tables they
 * read are filled by the tests themselves, as the projection would.
 */
@Module({ imports: [IndicatorsModule, SatisfactionModule, StaffingModule, ProceduresModule] })
class QualityReportsOnlyModule {}

export const UNITS = [
  { code: '20', name: 'Tỉnh Lạng Sơn', kind: 'province', parentCode: null, path: '/20/', validTo: null },
  { code: '05977', name: 'Phường Đông Kinh', kind: 'ward', parentCode: '20', path: '/20/05977/', validTo: null },
  { code: '05983', name: 'Phường Lương Văn Tri', kind: 'ward', parentCode: '20', path: '/20/05983/', validTo: null },
  {
    code: '05983.TTPVHCC',
    name: 'Trung tâm Phục vụ hành chính công phường Lương Văn Tri',
    kind: 'one_stop_centre',
    parentCode: '05983',
    path: '/20/05983/05983.TTPVHCC/',
    validTo: null,
  },
  { code: '05983.PVHXH', name: 'Phòng Văn hóa – Xã hội', kind: 'department', parentCode: '05983', path: '/20/05983/05983.PVHXH/', validTo: null },
  { code: '05986', name: 'Phường Tam Thanh', kind: 'ward', parentCode: '20', path: '/20/05986/', validTo: null },
  { code: '05990', name: 'Xã Mai Pha', kind: 'commune', parentCode: '20', path: '/20/05990/', validTo: '2025-06-30' },
] as const;

const pathOf = (code: string) => UNITS.find((unit) => unit.code === code)!.path;

export const principal = (username: string, role: Role, unit: string): Principal => ({
  subject: randomUUID(),
  username,
  kind: 'staff',
  roles: [{ role, unit, path: pathOf(unit) }],
  clientId: 'mot-cua-web',
});
export const provinceAdmin = principal('admin.tinh', 'province_admin', '20');
export const wardLeader = principal('lanhdao.lvt', 'leader', '05983');
export const otherWardAdmin = principal('quantri.dk', 'unit_admin', '05977');
export const wardClerk = principal('tiepnhan.lvt', 'clerk', '05983');

export interface QualityReports {
  service: RunningService;
  use<T>(type: Type<T>): T;
  sql<T = Record<string, unknown>>(text: string, parameters?: unknown[]): Promise<T[]>;
  /** Publishes as a producer's outbox relay does; a different message id lets JetStream take a repeat as a new delivery. */
  publish(definition: EventDefinition<unknown>, envelope: EventEnvelope, msgID?: string): Promise<void>;
  /** Waits until the reporting consumer of each subject has handled everything published on it. */
  consumed(...definitions: EventDefinition<unknown>[]): Promise<void>;
  close(): Promise<void>;
}

export function envelope(definition: EventDefinition<unknown>, data: unknown, occurredAt: string): EventEnvelope {
  return { id: randomUUID(), type: definition.type, version: definition.version, source: definition.service, occurredAt, data };
}

export async function startQualityReports(): Promise<QualityReports> {
  const namespace = testNamespace();
  const database: TestDatabase = await createTestDatabase();
  const service = await startBusService(
    { ...reportingService, module: QualityReportsOnlyModule, onStarted: undefined, readiness: undefined },
    {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      BUS_REQUEST_TIMEOUT_MS: '5000',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    },
  );
  const sql = <T = Record<string, unknown>>(text: string, parameters: unknown[] = []): Promise<T[]> => service.app.get(DataSource).query(text, parameters);
  for (const unit of UNITS) {
    await sql(
      `INSERT INTO units (code, name, kind, parent_code, path, valid_to, source_event_at) VALUES ($1, $2, $3, $4, $5, $6, now())`,
      [unit.code, unit.name, unit.kind, unit.parentCode, unit.path, unit.validTo],
    );
  }
  return {
    service,
    use: (type) => service.app.get(type),
    sql,
    async publish(definition, event, msgID = event.id) {
      await service.bus.js.publish(service.bus.subject(definition.subject), JSON.stringify(event), { msgID });
    },
    async consumed(...definitions) {
      for (const definition of definitions) {
        await waitFor(`${definition.subject} consumed`, async () => {
          const { bus } = service;
          const stream = bus.streamName(eventStreamName(definition.service as ServiceName));
          const info = await bus.jsm.consumers.info(stream, durableName('reporting', definition.subject));
          return info.num_pending === 0 && info.num_ack_pending === 0;
        });
      }
    },
    async close() {
      await service.close();
      await deleteNamespaceStreams(testNatsUrl(), namespace);
      await database.drop();
    },
  };
}

/** The error a use case fails with, or null when it succeeds. */
export async function failure(attempt: () => Promise<unknown>): Promise<AppError | null> {
  try {
    await attempt();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}
