import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Module } from '@nestjs/common';
import { accountDisabledV1, DEAD_LETTER_STREAM, eventStreamName, roleGrantedV1 } from '@mc/contracts';
import type { Principal } from '@mc/auth';
import { durableName } from '@mc/messaging';
import { createTestDatabase, deleteNamespaceStreams, freePort, repoRoot, testNamespace, testNatsUrl, waitFor, type TestDatabase } from '@mc/local-infra';
import { ConfigError, startBusService, type BusServiceDefinition, type RunningService } from '@mc/service-runtime';
import { CreateStaffAccount } from '../src/accounts/create-staff-account';
import { GrantRole } from '../src/accounts/grant-role';
import { RegisterCitizen } from '../src/accounts/register-citizen';
import { RevokeRole } from '../src/accounts/revoke-role';
import { SetAccountDisabled } from '../src/accounts/set-account-disabled';
import { IdentityModule } from '../src/identity.module';
import { identityService } from '../src/identity.service';
import { KeycloakAdminClient, KeycloakAdminError, type KeycloakAdminSettings } from '../src/provisioning/keycloak-admin-client';
import { keycloakAdminSettings, keycloakProvisioningConfigSchema } from '../src/provisioning/provisioning.config';
import { ProvisioningModule } from '../src/provisioning/provisioning.module';
import { UpdateUnit } from '../src/units/update-unit';
import { KeycloakSimulator, type SimulatedAdminClient, type UserProfileConfig } from './keycloak-simulator';

const REALM_FILE = path.join(repoRoot(), 'infra/keycloak/mot-cua-realm.json');
const DEMO_UNITS_FILE = path.join(repoRoot(), 'infra/demo/units.json');
const DEMO_ACCOUNTS_FILE = path.join(repoRoot(), 'infra/demo/accounts.json');
const ADMIN_CLIENT: SimulatedAdminClient = { realm: 'master', clientId: 'mot-cua-provisioning', secret: 'DongBo@2026', roles: ['manage-users'] };
/** The direct client tests use their own admin client, so that the service's calls never mix into what they count. */
const TEST_CLIENT: SimulatedAdminClient = { ...ADMIN_CLIENT, clientId: 'kiem-thu' };

const PROVINCE_ADMIN: Principal = {
  subject: randomUUID(),
  username: 'quantri.thu',
  kind: 'staff',
  roles: [{ role: 'province_admin', unit: '20', path: '/20/' }],
  clientId: '',
};

interface DemoAccount {
  username: string;
  fullName: string;
  role: string;
  unitCode: string;
  clientId: string;
}
const demoAccounts = (JSON.parse(readFileSync(DEMO_ACCOUNTS_FILE, 'utf8')) as { accounts: DemoAccount[] }).accounts;
const realmExport = JSON.parse(readFileSync(REALM_FILE, 'utf8')) as { users: { username: string; attributes: Record<string, string[]> }[] };

/** Province units hang at the root; the demo's communes right under the province. */
const pathOf = (unitCode: string) => (unitCode === '20' ? '/20/' : `/20/${unitCode}/`);
const keycloakUsername = (account: DemoAccount) => (account.role === 'postal_client' ? `service-account-${account.clientId}` : account.username);

type User = Record<string, unknown> & { id: string; attributes?: Record<string, string[]>; enabled: boolean };
const attribute = (user: User | undefined, name: string) => user?.attributes?.[name]?.[0];
const rolesOf = (user: User | undefined) => JSON.parse(attribute(user, 'mc_roles') ?? '[]') as { role: string; unit: string; path: string }[];

/** The identity service as the compose profile runs it: its own module plus the provisioning, configured from `env`. */
function provisionedIdentity(env: Record<string, string>): BusServiceDefinition {
  @Module({ imports: [IdentityModule, ProvisioningModule.register(env)] })
  class ProvisionedIdentityModule {}
  return { ...identityService, config: identityService.config!.extend(keycloakProvisioningConfigSchema.shape), module: ProvisionedIdentityModule };
}

describe('provisioning of accounts into Keycloak (simulated Admin REST API, real Postgres and NATS)', () => {
  const namespace = testNamespace();
  let database: TestDatabase;
  let keycloak: KeycloakSimulator;
  let identity: RunningService;

  const user = (username: string) => keycloak.user(username) as User | undefined;
  const accountId = async (username: string): Promise<string> => {
    const rows: { id: string }[] = await identity.dataSource.query('SELECT id FROM accounts WHERE username = $1', [username]);
    return rows[0]!.id;
  };
  const settings = (overrides: Partial<KeycloakAdminSettings> = {}): KeycloakAdminSettings => ({
    baseUrl: keycloak.url,
    realm: 'mot-cua',
    adminRealm: TEST_CLIENT.realm,
    clientId: TEST_CLIENT.clientId,
    clientSecret: TEST_CLIENT.secret,
    ...overrides,
  });
  /** True once the durable consumer of `subject` has been handed everything up to `streamSeq` and acknowledged it all. */
  const consumerCaughtUp = async (subject: string, streamSeq: number) => {
    const { bus } = identity;
    const info = await bus.jsm.consumers.info(bus.streamName(eventStreamName('identity')), durableName('identity', subject));
    return info.delivered.stream_seq >= streamSeq && info.num_pending === 0 && info.num_ack_pending === 0;
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    keycloak = await KeycloakSimulator.start({ realmFile: REALM_FILE, clients: [ADMIN_CLIENT, TEST_CLIENT, { ...ADMIN_CLIENT, clientId: 'chi-xem', roles: ['view-users'] }] });
    const env = {
      DATABASE_URL: database.url,
      NATS_URL: testNatsUrl(),
      BUS_NAMESPACE: namespace,
      BUS_RETRY_DELAY_MS: '100',
      BUS_MAX_DELIVER: '10',
      IDENTITY_HTTP_PORT: String(await freePort()),
      DEMO_UNITS_FILE,
      DEMO_ACCOUNTS_FILE,
      KEYCLOAK_URL: keycloak.url,
      KEYCLOAK_REALM: 'mot-cua',
      KEYCLOAK_ADMIN_REALM: ADMIN_CLIENT.realm,
      KEYCLOAK_ADMIN_CLIENT_ID: ADMIN_CLIENT.clientId,
      KEYCLOAK_ADMIN_CLIENT_SECRET: ADMIN_CLIENT.secret,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    };
    identity = await startBusService(provisionedIdentity(env), env);
  });

  afterAll(async () => {
    await identity?.close();
    await keycloak?.close();
    await deleteNamespaceStreams(testNatsUrl(), namespace);
    await database?.drop();
  });

  it('brings every demo account into the realm with its kind, its roles with unit paths and its account id, adopting the imported users', async () => {
    const ids = Object.fromEntries(await Promise.all(demoAccounts.map(async (account) => [account.username, await accountId(account.username)])));
    await waitFor(
      'every demo account provisioned',
      async () => demoAccounts.every((account) => attribute(user(keycloakUsername(account)), 'mc_account_id') === ids[account.username]),
      30_000,
    );
    for (const account of demoAccounts) {
      const provisioned = user(keycloakUsername(account))!;
      const client = account.role === 'postal_client';
      expect(provisioned.enabled).toBe(true);
      expect(provisioned.attributes).toEqual({
        mc_kind: [client ? 'client' : 'staff'],
        mc_roles: [JSON.stringify([{ role: account.role, unit: account.unitCode, path: pathOf(account.unitCode) }])],
        mc_account_id: [ids[account.username]],
      });
      // The realm file's demo claims are exactly what the identity service provisions.
      expect(realmExport.users.find((u) => u.username === keycloakUsername(account))!.attributes.mc_roles).toEqual(provisioned.attributes!.mc_roles);
      if (client) {
        expect(provisioned).toMatchObject({ serviceAccountClientId: account.clientId });
        expect(provisioned.firstName).toBeUndefined();
      } else {
        const words = account.fullName.split(' ');
        expect(provisioned).toMatchObject({ firstName: words.at(-1), lastName: words.slice(0, -1).join(' ') });
      }
    }
    // The users of the realm import were updated in place: none created, none duplicated.
    expect(keycloak.allUsers()).toHaveLength(realmExport.users.length);
    expect(keycloak.callsSince(0, /^POST \/admin\/realms\/mot-cua\/users$/)).toEqual([]);
    expect(keycloak.callsSince(0).filter((call) => call.status >= 500)).toEqual([]);
  });

  it('provisions an account created through CreateStaffAccount, then follows its grants and revocations', async () => {
    const mark = keycloak.lastSeq;
    keycloak.latencyMs = 50;
    const created = await identity.app.get(CreateStaffAccount).execute(
      {
        username: 'tiepnhan2.lvt',
        fullName: 'Đinh Thị Mai Anh',
        unitCode: '05983.TTPVHCC',
        employment: 'own',
        password: 'MatKhau@2026!',
        email: 'Mai.Anh@LangSon.gov.vn',
        roles: [{ role: 'clerk', unitCode: '05983.TTPVHCC' }],
      },
      PROVINCE_ADMIN,
    );
    const clerk = { role: 'clerk', unit: '05983.TTPVHCC', path: '/20/05983/05983.TTPVHCC/' };
    await waitFor('the new account in the realm with its role', async () => rolesOf(user('tiepnhan2.lvt')).length === 1);
    expect(user('tiepnhan2.lvt')).toMatchObject({
      username: 'tiepnhan2.lvt',
      enabled: true,
      firstName: 'Anh',
      lastName: 'Đinh Thị Mai',
      email: 'mai.anh@langson.gov.vn',
      attributes: { mc_kind: ['staff'], mc_roles: [JSON.stringify([clerk])], mc_account_id: [created.id] },
    });
    // account.created and role.granted arrive together; the per-account lock lets only one of them create the user.
    expect(keycloak.callsSince(mark, /^POST \/admin\/realms\/mot-cua\/users$/)).toHaveLength(1);
    keycloak.latencyMs = 0;

    await identity.app.get(GrantRole).execute({ accountId: created.id, role: 'specialist', unitCode: '05983' }, PROVINCE_ADMIN);
    const specialist = { role: 'specialist', unit: '05983', path: '/20/05983/' };
    await waitFor('the granted role provisioned', async () => rolesOf(user('tiepnhan2.lvt')).length === 2);
    expect(rolesOf(user('tiepnhan2.lvt'))).toEqual([clerk, specialist]);

    const clerkGrant = (await identity.dataSource.query(
      "SELECT id FROM role_grants WHERE account_id = $1 AND role = 'clerk' AND revoked_at IS NULL",
      [created.id],
    )) as { id: string }[];
    await identity.app.get(RevokeRole).execute({ accountId: created.id, grantId: clerkGrant[0]!.id }, PROVINCE_ADMIN);
    await waitFor('the revoked role gone from the realm', async () => rolesOf(user('tiepnhan2.lvt')).length === 1);
    expect(rolesOf(user('tiepnhan2.lvt'))).toEqual([specialist]);
    expect(keycloak.allUsers()).toHaveLength(realmExport.users.length + 1);
  });

  it('provisions a citizen who registers online, with the citizen role and no unit', async () => {
    await identity.app
      .get(RegisterCitizen)
      .execute({ idNumber: '020095001234', fullName: 'Nông Văn Dũng', phone: '0912345678', password: 'MatKhau@2026!' });
    const citizen = { id: await accountId('020095001234') };
    await waitFor('the citizen in the realm', async () => attribute(user('020095001234'), 'mc_account_id') === citizen.id);
    expect(user('020095001234')).toMatchObject({
      enabled: true,
      firstName: 'Dũng',
      lastName: 'Nông Văn',
      attributes: { mc_kind: ['citizen'], mc_roles: ['[{"role":"citizen","unit":"","path":""}]'], mc_account_id: [citizen.id] },
    });
    expect(user('020095001234')!.email).toBeUndefined();
  });

  it('disables the user and ends its sessions when the account is disabled, and enables it again', async () => {
    const id = await accountId('tiepnhan.dk');
    const keycloakId = user('tiepnhan.dk')!.id;
    keycloak.startSession('tiepnhan.dk');
    keycloak.startSession('tiepnhan.dk');
    const mark = keycloak.lastSeq;

    await identity.app.get(SetAccountDisabled).disable(id, 'Nghỉ việc từ ngày 01/12/2026', PROVINCE_ADMIN);
    await waitFor('the user disabled and logged out', async () => user('tiepnhan.dk')!.enabled === false && keycloak.sessions('tiepnhan.dk') === 0);
    const logouts = keycloak.callsSince(mark, /^POST .*\/logout$/);
    expect(logouts.map((call) => [call.path, call.status])).toEqual([[`/admin/realms/mot-cua/users/${keycloakId}/logout`, 204]]);
    // The claims stay as they were: a disabled user keeps its roles for when it comes back.
    expect(rolesOf(user('tiepnhan.dk'))).toEqual([{ role: 'clerk', unit: '05977', path: '/20/05977/' }]);

    await identity.app.get(SetAccountDisabled).enable(id, PROVINCE_ADMIN);
    await waitFor('the user enabled again', async () => user('tiepnhan.dk')!.enabled === true);
  });

  it('keeps retrying while Keycloak answers 500 and catches up once it recovers', async () => {
    const id = await accountId('chuyenvien.dk');
    const mark = keycloak.lastSeq;
    keycloak.outage(500, 6);

    await identity.app.get(GrantRole).execute({ accountId: id, role: 'inspector', unitCode: '05977' }, PROVINCE_ADMIN);
    await waitFor('the grant provisioned after the outage', async () => rolesOf(user('chuyenvien.dk')).length === 2, 30_000);

    expect(rolesOf(user('chuyenvien.dk'))).toEqual([
      { role: 'specialist', unit: '05977', path: '/20/05977/' },
      { role: 'inspector', unit: '05977', path: '/20/05977/' },
    ]);
    expect(keycloak.callsSince(mark).filter((call) => call.status === 500)).toHaveLength(6);
  });

  it('changes nothing when events are replayed, twice and out of order', async () => {
    const { bus } = identity;
    const stream = bus.streamName(eventStreamName('identity'));
    // tiepnhan.dk was disabled and enabled again: its "disabled" event is now stale.
    const disabled = await bus.jsm.streams.getMessage(stream, { last_by_subj: bus.subject(accountDisabledV1.subject) });
    const granted = await bus.jsm.streams.getMessage(stream, { last_by_subj: bus.subject(roleGrantedV1.subject) });
    const before = keycloak.allUsers();
    const mark = keycloak.lastSeq;

    let lastDisabled = 0;
    let lastGranted = 0;
    for (let time = 0; time < 2; time += 1) {
      lastDisabled = (await bus.js.publish(bus.subject(accountDisabledV1.subject), disabled!.data)).seq;
      lastGranted = (await bus.js.publish(bus.subject(roleGrantedV1.subject), granted!.data)).seq;
    }
    await waitFor('the replayed events handled', async () =>
      (await consumerCaughtUp(accountDisabledV1.subject, lastDisabled)) && (await consumerCaughtUp(roleGrantedV1.subject, lastGranted)),
    );

    expect(keycloak.allUsers()).toEqual(before);
    expect(user('tiepnhan.dk')!.enabled).toBe(true);
    const replayCalls = keycloak.callsSince(mark);
    expect(replayCalls.length).toBeGreaterThan(0);
    expect(replayCalls.filter((call) => call.method !== 'GET')).toEqual([]);
  });

  it('drops the grants of a unit whose validity ended', async () => {
    const id = await accountId('tiepnhan.dk');
    await identity.app.get(GrantRole).execute({ accountId: id, role: 'clerk', unitCode: '05977.TTPVHCC' }, PROVINCE_ADMIN);
    await waitFor('the grant at the centre provisioned', async () => rolesOf(user('tiepnhan.dk')).length === 2);

    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
    await identity.app.get(UpdateUnit).execute({ code: '05977.TTPVHCC', validTo: twoDaysAgo }, PROVINCE_ADMIN);
    await waitFor('the grant at the dissolved centre gone', async () => rolesOf(user('tiepnhan.dk')).length === 1);
    expect(rolesOf(user('tiepnhan.dk'))).toEqual([{ role: 'clerk', unit: '05977', path: '/20/05977/' }]);
  });

  it('dead-lettered nothing', async () => {
    const info = await identity.bus.jsm.streams.info(identity.bus.streamName(DEAD_LETTER_STREAM));
    expect(info.state.messages).toBe(0);
  });

  it('registers nothing without KEYCLOAK_URL, and names what is missing when it is set alone', () => {
    expect(ProvisioningModule.register({})).toEqual({ module: ProvisioningModule });
    expect(ProvisioningModule.register({ KEYCLOAK_URL: ' ' })).toEqual({ module: ProvisioningModule });
    expect(ProvisioningModule.register({ KEYCLOAK_URL: keycloak.url }).controllers).toHaveLength(1);

    const missing = () => keycloakAdminSettings({ KEYCLOAK_URL: keycloak.url, KEYCLOAK_ADMIN_CLIENT_SECRET: '' });
    expect(missing).toThrow(ConfigError);
    expect(missing).toThrow(/KEYCLOAK_ADMIN_CLIENT_ID: .*\n {2}KEYCLOAK_ADMIN_CLIENT_SECRET: /);
    expect(() => keycloakAdminSettings({ KEYCLOAK_URL: 'keycloak:8080' })).toThrow(/KEYCLOAK_URL: phải là URL http\(s\)/);
    expect(keycloakAdminSettings({ KEYCLOAK_URL: keycloak.url, KEYCLOAK_ADMIN_CLIENT_ID: 'a', KEYCLOAK_ADMIN_CLIENT_SECRET: 'b' })).toEqual({
      baseUrl: keycloak.url,
      realm: 'mot-cua',
      adminRealm: 'master',
      clientId: 'a',
      clientSecret: 'b',
    });
  });

  describe('the admin client against the simulated server', () => {
    it('reuses its admin token and fetches a new one once after a 401', async () => {
      const client = new KeycloakAdminClient(settings());
      const mark = keycloak.lastSeq;
      await client.findUser('admin.tinh');
      await client.findUser('tiepnhan.lvt');
      expect(keycloak.callsSince(mark, /token$/, TEST_CLIENT.clientId)).toHaveLength(1);

      keycloak.revokeTokens();
      const found = await client.findUser('lanhdao.lvt');
      expect(found?.username).toBe('lanhdao.lvt');
      const calls = keycloak.callsSince(mark, undefined, TEST_CLIENT.clientId).map((call) => `${call.status} ${call.method} ${call.path.replace(/\/users.*/, '/users')}`);
      expect(calls).toEqual([
        '200 POST /realms/master/protocol/openid-connect/token',
        '200 GET /admin/realms/mot-cua/users',
        '200 GET /admin/realms/mot-cua/users',
        '401 GET /admin/realms/mot-cua/users',
        '200 POST /realms/master/protocol/openid-connect/token',
        '200 GET /admin/realms/mot-cua/users',
      ]);
    });

    it('names the operation, the HTTP status and Keycloak’s message when a call fails', async () => {
      const badSecret = await new KeycloakAdminClient(settings({ clientSecret: 'sai' })).findUser('admin.tinh').catch((error: unknown) => error);
      expect(badSecret).toBeInstanceOf(KeycloakAdminError);
      expect(badSecret).toMatchObject({ status: 401 });
      expect((badSecret as Error).message).toBe(
        'Keycloak: lấy mã truy cập quản trị (client "kiem-thu", realm "master") thất bại (HTTP 401: unauthorized_client: Invalid client or Invalid client credentials)',
      );

      const viewer = new KeycloakAdminClient(settings({ clientId: 'chi-xem' }));
      const forbidden = await viewer
        .upsertUser({ accountId: randomUUID(), username: 'chixem.thu', fullName: 'Chỉ Xem', enabled: true, kind: 'staff', roles: [] })
        .catch((error: unknown) => error);
      expect((forbidden as Error).message).toBe('Keycloak: tạo người dùng "chixem.thu" thất bại (HTTP 403: HTTP 403 Forbidden)');

      const invalid = await new KeycloakAdminClient(settings())
        .upsertUser({ accountId: randomUUID(), username: 'sai.thu', fullName: 'Sai <Thư>', email: 'khong-phai-email', enabled: true, kind: 'staff', roles: [] })
        .catch((error: unknown) => error);
      expect(invalid).toMatchObject({ status: 400 });
      expect((invalid as Error).message).toContain('email: error-invalid-email');
      expect((invalid as Error).message).toContain('firstName: error-person-name-invalid-character');
      expect(keycloak.user('sai.thu')).toBeUndefined();

      const noClient = await new KeycloakAdminClient(settings())
        .upsertUser({ accountId: randomUUID(), username: 'may.khac', fullName: 'Máy khác', enabled: true, kind: 'client', clientId: 'khong-co', roles: [] })
        .catch((error: unknown) => error);
      expect((noClient as Error).message).toContain('chưa có client "khong-co"');
    });

    it('disables by username and ends the sessions, idempotently', async () => {
      const client = new KeycloakAdminClient(settings());
      keycloak.startSession('chuyenvien.lvt');
      await client.setEnabled('chuyenvien.lvt', false);
      expect(user('chuyenvien.lvt')).toMatchObject({ enabled: false, attributes: { mc_kind: ['staff'] }, firstName: 'Đức' });
      expect(keycloak.sessions('chuyenvien.lvt')).toBe(0);
      const mark = keycloak.lastSeq;
      await client.setEnabled('chuyenvien.lvt', false);
      expect(keycloak.callsSince(mark, /^PUT /, TEST_CLIENT.clientId)).toEqual([]);
      await client.setEnabled('chuyenvien.lvt', true);
      expect(user('chuyenvien.lvt')!.enabled).toBe(true);
    });

    it('refuses to report success when the realm does not declare mc_account_id', async () => {
      const profile = JSON.parse(
        (JSON.parse(readFileSync(REALM_FILE, 'utf8')) as { components: Record<string, { config: Record<string, string[]> }[]> }).components[
          'org.keycloak.userprofile.UserProfileProvider'
        ]![0]!.config['kc.user.profile.config']![0]!,
      ) as UserProfileConfig;
      const undeclared = await KeycloakSimulator.start({
        realmFile: REALM_FILE,
        clients: [TEST_CLIENT],
        userProfile: { ...profile, attributes: profile.attributes.filter((a) => a.name !== 'mc_account_id') },
      });
      try {
        const client = new KeycloakAdminClient({ ...settings(), baseUrl: undeclared.url });
        const error = await client
          .upsertUser({ accountId: randomUUID(), username: 'moi.thu', fullName: 'Người Mới', enabled: true, kind: 'staff', roles: [] })
          .catch((e: unknown) => e);
        expect((error as Error).message).toContain('Keycloak không lưu mc_account_id');
        // Keycloak took the write (201) and dropped the attribute without a word.
        expect(undeclared.storedAttributes('moi.thu')).toEqual({ mc_kind: ['staff'], mc_roles: ['[]'] });
      } finally {
        await undeclared.close();
      }
    });

    it('simulates Keycloak’s handling of attribute values and bearer tokens', async () => {
      const unauthenticated = await fetch(`${keycloak.url}/admin/realms/mot-cua/users?username=admin.tinh`);
      expect(unauthenticated.status).toBe(401);
      expect(await unauthenticated.json()).toEqual({ error: 'HTTP 401 Unauthorized' });

      const token = await fetch(`${keycloak.url}/realms/master/protocol/openid-connect/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'client_credentials', client_id: TEST_CLIENT.clientId, client_secret: TEST_CLIENT.secret }),
      }).then(async (response) => ((await response.json()) as { access_token: string }).access_token);
      const admin = (method: string, url: string, body?: unknown) =>
        fetch(`${keycloak.url}/admin/realms/mot-cua${url}`, {
          method,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });

      // A scalar is taken as a one-element list; an array of objects has no text, so mc_roles ends up absent.
      const created = await admin('POST', '/users', { username: 'Thu.Mau', enabled: true, attributes: { mc_kind: 'staff', mc_roles: [{ role: 'clerk' }] } });
      expect(created.status).toBe(201);
      expect(user('thu.mau')).toMatchObject({ username: 'thu.mau', attributes: { mc_kind: ['staff'] } });
      expect(user('thu.mau')!.attributes!.mc_roles).toBeUndefined();

      expect((await admin('POST', '/users', { username: 'thu.mau' })).status).toBe(409);
      const missing = await admin('POST', '/users', { enabled: true });
      expect([missing.status, await missing.json()]).toEqual([400, { errorMessage: 'User name is missing' }]);
      const unknown = await admin('GET', `/users/${randomUUID()}`);
      expect([unknown.status, await unknown.json()]).toEqual([404, { error: 'User not found' }]);

      // A PUT with attributes replaces them: what is left out is removed.
      const id = created.headers.get('location')!.split('/').pop()!;
      expect((await admin('PUT', `/users/${id}`, { username: 'thu.mau', attributes: { mc_roles: ['[]'] } })).status).toBe(204);
      expect(user('thu.mau')!.attributes).toEqual({ mc_roles: ['[]'] });
      expect((await admin('PUT', `/users/${id}`, { attributes: {} })).status).toBe(400);
      expect((await admin('DELETE', `/users/${id}`)).status).toBe(204);
    });
  });
});
