import { IdentityProvider, type ProvisionedRole, type ProvisionedUser, type ProvisionResult } from './identity-provider';

export interface KeycloakAdminSettings {
  /** Keycloak's base URL, e.g. `http://keycloak:8080`. */
  baseUrl: string;
  /** The realm the users live in. */
  realm: string;
  /** The realm of the admin client (`master`, or the users' realm itself). */
  adminRealm: string;
  clientId: string;
  clientSecret: string;
  /** Per HTTP call: a Keycloak that hangs must not hold an event past the consumer's ack wait. */
  timeoutMs?: number;
}

/** The part of Keycloak's UserRepresentation this client reads and writes. */
export interface KeycloakUser {
  id: string;
  username: string;
  enabled?: boolean;
  emailVerified?: boolean;
  email?: string;
  firstName?: string;
  lastName?: string;
  attributes?: Record<string, string[]>;
  serviceAccountClientId?: string;
}

/** User attributes the realm maps into token claims (see infra/keycloak/mot-cua-realm.json). */
export const KeycloakAttributes = {
  kind: 'mc_kind',
  roles: 'mc_roles',
  accountId: 'mc_account_id',
} as const;

/** A failed call to Keycloak, with what was attempted, the HTTP status and Keycloak's own message. */
export class KeycloakAdminError extends Error {
  constructor(
    readonly operation: string,
    readonly status: number | null,
    readonly detail: string,
  ) {
    super(
      status === null
        ? `Keycloak: ${operation} thất bại: ${detail}`
        : `Keycloak: ${operation} thất bại (HTTP ${status}${detail ? `: ${detail}` : ''})`,
    );
    this.name = 'KeycloakAdminError';
  }
}

/**
 * The attribute holds one string, the JSON array; the realm's JSON-typed
 * mapper parses it into the claim. Key order is fixed so that an unchanged
 * grant list compares equal as text.
 */
export const rolesAttribute = (roles: ProvisionedRole[]): string =>
  JSON.stringify(roles.map(({ role, unit, path }) => ({ role, unit, path })));

/** Vietnamese names put the given name last: "Hoàng Thị Lan" is firstName "Lan", lastName "Hoàng Thị" (as in the realm's demo users). */
export function splitFullName(fullName: string): { firstName: string; lastName?: string } {
  const words = fullName.trim().split(/\s+/);
  const firstName = words.pop() ?? '';
  return words.length ? { firstName, lastName: words.join(' ') } : { firstName };
}

/** Keycloak names a client's service-account user this way (lower-case). */
export const serviceAccountUsername = (clientId: string) => `service-account-${clientId}`.toLowerCase();

/** What the identity service decides about a user; everything else on the user is left as Keycloak holds it. */
interface ManagedState {
  enabled: boolean;
  firstName?: string;
  lastName?: string;
  email?: string;
  attributes: Record<string, string>;
  /** Names and e-mail are not touched on a service-account user. */
  managesProfile: boolean;
}

const REFRESH_MARGIN_MS = 10_000;
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * Provisions accounts into a Keycloak realm through its Admin REST API. Every
 * write is read back: Keycloak (24+) silently drops attributes its realm's
 * User Profile does not declare, and a user whose claims did not land must
 * fail loudly rather than sign in without roles.
 */
export class KeycloakAdminClient extends IdentityProvider {
  private readonly baseUrl: string;
  private readonly adminUrl: string;
  private token?: { value: string; renewAt: number };
  private pendingToken?: Promise<string>;

  constructor(private readonly settings: KeycloakAdminSettings) {
    super();
    this.baseUrl = settings.baseUrl.replace(/\/+$/, '');
    this.adminUrl = `${this.baseUrl}/admin/realms/${encodeURIComponent(settings.realm)}`;
  }

  async upsertUser(user: ProvisionedUser): Promise<ProvisionResult> {
    const username = this.usernameOf(user);
    const result = await this.createOrUpdate(username, user, managedState(user));
    // Ending sessions is harmless when there are none, and repeating it covers a logout that failed after the disable landed.
    if (!user.enabled) await this.logout(result.userId, username);
    return result;
  }

  async setEnabled(username: string, enabled: boolean): Promise<void> {
    const found = await this.findUser(username.toLowerCase());
    if (!found) throw new KeycloakAdminError(`${enabled ? 'mở khóa' : 'khóa'} người dùng "${username}"`, 404, 'không có người dùng này trong realm');
    const current = await this.getUser(found.id, username);
    if (current.enabled !== enabled) await this.putUser(current, representation(current, { enabled }));
    if (!enabled) await this.logout(current.id, username);
  }

  /** Exact, case-insensitive username match; includes service-account users. */
  async findUser(username: string): Promise<KeycloakUser | undefined> {
    const operation = `tìm người dùng "${username}"`;
    const query = new URLSearchParams({ username, exact: 'true', briefRepresentation: 'false' });
    const response = await this.admin(operation, 'GET', `/users?${query}`);
    if (response.status !== 200) throw await failure(operation, response);
    const users = (await response.json()) as KeycloakUser[];
    return users.find((candidate) => candidate.username.toLowerCase() === username.toLowerCase());
  }

  async getUser(id: string, username = id): Promise<KeycloakUser> {
    const operation = `đọc người dùng "${username}"`;
    const response = await this.admin(operation, 'GET', `/users/${encodeURIComponent(id)}`);
    if (response.status !== 200) throw await failure(operation, response);
    return (await response.json()) as KeycloakUser;
  }

  private async createOrUpdate(username: string, user: ProvisionedUser, desired: ManagedState): Promise<ProvisionResult> {
    let found = await this.findUser(username);
    if (!found) {
      if (user.kind === 'client') {
        throw new KeycloakAdminError(
          `đồng bộ tài khoản máy "${user.username}"`,
          null,
          `realm "${this.settings.realm}" chưa có client "${user.clientId}" (người dùng ${username}); tạo client trong cấu hình realm trước`,
        );
      }
      const id = await this.createUser(username, desired);
      if (id) {
        await this.verify(id, username, desired);
        return { userId: id, outcome: 'created' };
      }
      // Taken meanwhile, by a concurrent delivery or by hand: that user is brought in line instead.
      found = await this.findUser(username);
      if (!found) throw new KeycloakAdminError(`tạo người dùng "${username}"`, 409, 'Keycloak báo trùng tên nhưng không tìm thấy người dùng đó');
    }
    const current = await this.getUser(found.id, username);
    if (differences(current, desired).length === 0) return { userId: current.id, outcome: 'unchanged' };
    await this.putUser(current, representation(current, desired));
    await this.verify(current.id, username, desired);
    return { userId: current.id, outcome: 'updated' };
  }

  /** Returns the new user's id, or undefined when the username is taken (409). */
  private async createUser(username: string, desired: ManagedState): Promise<string | undefined> {
    const operation = `tạo người dùng "${username}"`;
    const response = await this.admin(operation, 'POST', '/users', {
      username,
      enabled: desired.enabled,
      ...profileFields(desired),
      attributes: arrayValues(desired.attributes),
    });
    if (response.status === 409) {
      await response.body?.cancel();
      return undefined;
    }
    if (response.status !== 201) throw await failure(operation, response);
    await response.body?.cancel();
    const id = response.headers.get('location')?.replace(/\/+$/, '').split('/').pop();
    if (!id) throw new KeycloakAdminError(operation, 201, 'Keycloak không trả về địa chỉ (Location) của người dùng mới');
    return decodeURIComponent(id);
  }

  private async putUser(current: KeycloakUser, body: Omit<KeycloakUser, 'id'>): Promise<void> {
    const operation = `cập nhật người dùng "${current.username}"`;
    const response = await this.admin(operation, 'PUT', `/users/${encodeURIComponent(current.id)}`, body);
    if (response.status !== 204 && response.status !== 200) throw await failure(operation, response);
    await response.body?.cancel();
  }

  private async logout(id: string, username: string): Promise<void> {
    const operation = `kết thúc phiên đăng nhập của người dùng "${username}"`;
    const response = await this.admin(operation, 'POST', `/users/${encodeURIComponent(id)}/logout`);
    if (response.status !== 204 && response.status !== 200) throw await failure(operation, response);
    await response.body?.cancel();
  }

  private async verify(id: string, username: string, desired: ManagedState): Promise<void> {
    const missed = differences(await this.getUser(id, username), desired);
    if (missed.length) {
      throw new KeycloakAdminError(
        `lưu người dùng "${username}"`,
        null,
        `Keycloak không lưu ${missed.join(', ')}; kiểm tra các thuộc tính này đã được khai báo (quản trị viên được sửa) trong User Profile của realm "${this.settings.realm}"`,
      );
    }
  }

  private usernameOf(user: ProvisionedUser): string {
    if (user.kind !== 'client') return user.username.toLowerCase();
    if (!user.clientId) throw new KeycloakAdminError(`đồng bộ tài khoản máy "${user.username}"`, null, 'tài khoản không ghi client_id');
    return serviceAccountUsername(user.clientId);
  }

  /** One admin call; a 401 (token revoked, or expired early) gets one retry with a fresh token. */
  private async admin(operation: string, method: string, path: string, body?: unknown): Promise<Response> {
    for (let attempt = 0; ; attempt += 1) {
      const token = await this.accessToken();
      const response = await this.send(operation, `${this.adminUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (response.status !== 401 || attempt > 0) return response;
      await response.body?.cancel();
      if (this.token?.value === token) this.token = undefined;
    }
  }

  /** Client-credentials token of the admin client, shared by concurrent calls and renewed shortly before it expires. */
  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = undefined;
    });
    return this.pendingToken;
  }

  private async fetchToken(): Promise<string> {
    const { adminRealm, clientId, clientSecret } = this.settings;
    const operation = `lấy mã truy cập quản trị (client "${clientId}", realm "${adminRealm}")`;
    const response = await this.send(operation, `${this.baseUrl}/realms/${encodeURIComponent(adminRealm)}/protocol/openid-connect/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    });
    if (response.status !== 200) throw await failure(operation, response);
    const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || typeof body.expires_in !== 'number') {
      throw new KeycloakAdminError(operation, 200, 'phản hồi thiếu access_token hoặc expires_in');
    }
    const lifetimeMs = body.expires_in * 1000;
    this.token = { value: body.access_token, renewAt: Date.now() + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 5) };
    return body.access_token;
  }

  private async send(operation: string, url: string, init: RequestInit): Promise<Response> {
    const timeoutMs = this.settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError'
          ? `không phản hồi sau ${timeoutMs} ms`
          : `không kết nối được ${this.baseUrl}: ${((error as Error).cause as Error | undefined)?.message ?? (error as Error).message}`;
      throw new KeycloakAdminError(operation, null, reason);
    }
  }
}

function managedState(user: ProvisionedUser): ManagedState {
  const managesProfile = user.kind !== 'client';
  return {
    enabled: user.enabled,
    ...(managesProfile ? splitFullName(user.fullName) : {}),
    ...(managesProfile && user.email ? { email: user.email.toLowerCase() } : {}),
    attributes: {
      [KeycloakAttributes.kind]: user.kind,
      [KeycloakAttributes.roles]: rolesAttribute(user.roles),
      [KeycloakAttributes.accountId]: user.accountId,
    },
    managesProfile,
  };
}

const profileFields = (desired: ManagedState) => ({
  ...(desired.firstName ? { firstName: desired.firstName } : {}),
  ...(desired.lastName ? { lastName: desired.lastName } : {}),
  ...(desired.email ? { email: desired.email } : {}),
});

const arrayValues = (attributes: Record<string, string>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, [value]]));

/**
 * The body of a PUT: since Keycloak 24 an update replaces the whole profile,
 * so every field and attribute to keep is repeated, with the managed ones
 * taken from `changes`.
 */
function representation(current: KeycloakUser, changes: Partial<ManagedState>): Omit<KeycloakUser, 'id'> {
  const profile = changes.managesProfile
    ? { firstName: changes.firstName, lastName: changes.lastName, email: changes.email ?? current.email }
    : { firstName: current.firstName, lastName: current.lastName, email: current.email };
  return {
    username: current.username,
    enabled: changes.enabled ?? current.enabled,
    ...(current.emailVerified === undefined ? {} : { emailVerified: current.emailVerified }),
    ...Object.fromEntries(Object.entries(profile).filter(([, value]) => value)),
    attributes: { ...(current.attributes ?? {}), ...arrayValues(changes.attributes ?? {}) },
  };
}

/** The managed fields on which Keycloak's user differs from the desired state. */
function differences(user: KeycloakUser, desired: ManagedState): string[] {
  const fields: string[] = [];
  if ((user.enabled ?? false) !== desired.enabled) fields.push('enabled');
  if (desired.managesProfile) {
    if ((user.firstName ?? '') !== (desired.firstName ?? '')) fields.push('firstName');
    if ((user.lastName ?? '') !== (desired.lastName ?? '')) fields.push('lastName');
    if (desired.email && (user.email ?? '').toLowerCase() !== desired.email) fields.push('email');
  }
  for (const [name, value] of Object.entries(desired.attributes)) {
    const values = user.attributes?.[name];
    if (values?.length !== 1 || values[0] !== value) fields.push(name);
  }
  return fields;
}

/** Keycloak answers errors in several shapes: `errorMessage` (admin API), `errors[]` (User Profile), `error`/`error_description` (OAuth). */
async function failure(operation: string, response: Response): Promise<KeycloakAdminError> {
  const text = await response.text().catch(() => '');
  return new KeycloakAdminError(operation, response.status, describeError(text));
}

function describeError(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text.trim().slice(0, 300);
  }
  if (typeof body !== 'object' || body === null) return String(body);
  const error = body as { errorMessage?: string; field?: string; errors?: { errorMessage?: string; field?: string }[]; error?: string; error_description?: string };
  const withField = (item: { errorMessage?: string; field?: string }) => (item.field ? `${item.field}: ${item.errorMessage}` : `${item.errorMessage}`);
  if (Array.isArray(error.errors) && error.errors.length) return error.errors.map(withField).join('; ');
  if (error.errorMessage) return withField(error);
  if (error.error) return error.error_description ? `${error.error}: ${error.error_description}` : error.error;
  return text.trim().slice(0, 300);
}
