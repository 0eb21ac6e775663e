import { AppError, parseInput, unitInputSchema } from '@mc/contracts';
import { createTestDatabase, deleteNamespaceStreams, freePort, testNamespace, testNatsUrl, type TestDatabase } from '@mc/local-infra';
import { startBusService, type RunningService } from '@mc/service-runtime';
import { identityService } from '../src/identity.service';
import { SYSTEM_PRINCIPAL } from '../src/system-principal';
import { CreateUnit } from '../src/units/create-unit';

/** An administrator who picks the wrong kind of unit reads the kinds as the console names them, in Vietnamese. */
describe('unit kinds in the messages of a refused unit', () => {
  const namespace = testNamespace();
  let database: TestDatabase;
  let identity: RunningService;

  const create = (input: Record<string, unknown>) =>
    identity.app.get(CreateUnit).execute(parseInput(unitInputSchema, input), SYSTEM_PRINCIPAL);
  const refusal = async (input: Record<string, unknown>) => {
    const error = await create(input).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    const port = await freePort();
    identity = await startBusService(identityService, {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      OIDC_ISSUER: `http://127.0.0.1:${port}`,
      IDENTITY_HTTP_PORT: String(port),
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    });
    await create({ code: '20', name: 'Tỉnh Lạng Sơn', kind: 'province' });
  }, 120_000);

  afterAll(async () => {
    await identity?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  it('names the kind whose code has the wrong length', async () => {
    const error = await refusal({ code: '123', name: 'Xã Sai Mã', kind: 'commune', parentCode: '20' });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('Mã đơn vị hành chính loại "Xã" phải gồm đúng 5 chữ số (đang là "123").');
  });

  it('names both kinds when one cannot sit under the other', async () => {
    const error = await refusal({ code: '06001', name: 'Thị trấn Mới', kind: 'township', parentCode: '20' });
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.message).toBe('Đơn vị loại "Thị trấn" không thể trực thuộc đơn vị loại "Tỉnh".');
  });
});
