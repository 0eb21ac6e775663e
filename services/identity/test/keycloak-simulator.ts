import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Keycloak's Admin REST API (26.x) for the endpoints the provisioning uses,
 * over real HTTP on 127.0.0.1, so that the client is tested against the
 * server's rules rather than against its own expectations:
 *
 * - client-credentials tokens that expire; admin calls need a valid bearer
 *   and the right realm-management role (401 / 403 otherwise);
 * - usernames and e-mails lower-cased; 409 on a taken username; users created
 *   disabled unless `enabled` is sent;
 * - the realm's declarative User Profile, read from the realm export:
 *   undeclared attributes are silently dropped on write and hidden on read,
 *   declared ones validated (length, options, e-mail, name characters…);
 * - attribute values deserialised as Keycloak does (`StringListMapDeserializer`):
 *   a non-array value becomes a one-element list and an object becomes "",
 *   which normalisation then drops;
 * - an update replaces the profile: fields and attributes left out of a PUT
 *   are removed (Keycloak ≥ 24.0.4), unless `attributes` is absent altogether;
 * - logout ends the user's sessions and moves its not-before.
 *
 * Every request is recorded, and an outage (5xx for a number of requests or
 * until `recover()`) can be switched on.
 */

export interface SimulatedAdminClient {
  /** Realm the client lives in: the admin realm, or the managed realm itself. */
  realm: string;
  clientId: string;
  secret: string;
  /** Roles of its service account for managing the realm's users: manage-users, view-users, query-users. */
  roles: string[];
}

export interface KeycloakSimulatorOptions {
  /** Realm export whose users and User Profile the managed realm starts with. */
  realmFile: string;
  adminRealm?: string;
  clients: SimulatedAdminClient[];
  /** Lifetime of admin tokens; master's default is 60 s. */
  tokenLifespanSeconds?: number;
  /** Replaces the export's User Profile, e.g. to stand for a realm that lacks a declaration. */
  userProfile?: UserProfileConfig;
}

export interface RecordedCall {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  /** Parsed JSON or form body; client secrets are masked. */
  body?: unknown;
  /** The admin client behind the call: its bearer token's, or the one asking for a token. */
  clientId?: string;
  /** Set when the simulator itself failed (answered 500). */
  error?: string;
}

export interface UserProfileAttribute {
  name: string;
  validations?: Record<string, Record<string, unknown>>;
  permissions?: { view?: string[]; edit?: string[] };
  multivalued?: boolean;
  required?: { roles?: string[] };
}

export interface UserProfileConfig {
  attributes: UserProfileAttribute[];
  unmanagedAttributePolicy?: 'ENABLED' | 'ADMIN_EDIT' | 'ADMIN_VIEW';
}

interface StoredUser {
  id: string;
  createdTimestamp: number;
  username: string;
  enabled: boolean;
  emailVerified: boolean;
  email?: string;
  firstName?: string;
  lastName?: string;
  /** Everything stored, managed or not; reads show what the User Profile lets through. */
  attributes: Record<string, string[]>;
  serviceAccountClientId?: string;
  requiredActions: string[];
  notBefore: number;
  sessions: number;
}

interface IssuedToken {
  clientId: string;
  realm: string;
  expiresAt: number;
  revoked: boolean;
}

interface FieldError {
  field: string;
  errorMessage: string;
  params: unknown[];
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`HTTP ${status}`);
  }
}

const ROOT_ATTRIBUTES = ['username', 'email', 'firstName', 'lastName'] as const;
// Keycloak's defaults for the name and username validators.
const PERSON_NAME_PROHIBITED = /[<>&"\v$%!#?§;*~/\\|^=[\]{}()\p{Cc}]/u;
const USERNAME_PROHIBITED = /[<>&"'\s\v$%!#?§,;*~/\\|^=[\]{}()\p{Cc}]/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export class KeycloakSimulator {
  readonly calls: RecordedCall[] = [];
  /** Added before every answer, to widen the windows in which concurrent callers interleave. */
  latencyMs = 0;
  readonly realm: string;
  readonly adminRealm: string;
  private readonly users = new Map<string, StoredUser>();
  private readonly tokens = new Map<string, IssuedToken>();
  private readonly profile: UserProfileConfig;
  private outageLeft = 0;
  private outageStatus = 500;
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly options: KeycloakSimulatorOptions,
  ) {
    const realm = JSON.parse(readFileSync(options.realmFile, 'utf8')) as RealmExport;
    this.realm = realm.realm;
    this.adminRealm = options.adminRealm ?? 'master';
    this.profile = options.userProfile ?? userProfileOf(realm);
    for (const user of realm.users ?? []) {
      const stored: StoredUser = {
        id: randomUUID(),
        createdTimestamp: Date.now(),
        username: user.username.toLowerCase(),
        enabled: user.enabled ?? false,
        emailVerified: user.emailVerified ?? false,
        ...(user.email ? { email: user.email.toLowerCase() } : {}),
        ...(user.firstName ? { firstName: user.firstName } : {}),
        ...(user.lastName ? { lastName: user.lastName } : {}),
        attributes: structuredClone(user.attributes ?? {}),
        ...(user.serviceAccountClientId ? { serviceAccountClientId: user.serviceAccountClientId } : {}),
        requiredActions: user.requiredActions ?? [],
        notBefore: 0,
        sessions: 0,
      };
      this.users.set(stored.id, stored);
    }
  }

  static async start(options: KeycloakSimulatorOptions): Promise<KeycloakSimulator> {
    // The handler needs the simulator, which needs the port the server got.
    const started: { simulator?: KeycloakSimulator } = {};
    const server = createServer((request, response) => {
      void started.simulator!.handle(request, response);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    started.simulator = new KeycloakSimulator(server, `http://127.0.0.1:${port}`, options);
    return started.simulator;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Answers `status` to every request (token endpoint included) for the next `requests` requests, or until `recover()`. */
  outage(status = 500, requests = Number.POSITIVE_INFINITY): void {
    this.outageStatus = status;
    this.outageLeft = requests;
  }

  recover(): void {
    this.outageLeft = 0;
  }

  /** As when an administrator revokes sessions or the server restarts: every admin token stops working. */
  revokeTokens(): void {
    for (const token of this.tokens.values()) token.revoked = true;
  }

  /** The user as `GET /admin/realms/{realm}/users/{id}` shows it. */
  user(username: string): Record<string, unknown> | undefined {
    const user = this.findByUsername(username);
    return user && this.representation(user);
  }

  allUsers(): Record<string, unknown>[] {
    return [...this.users.values()].map((user) => this.representation(user));
  }

  /** What is stored, including attributes the User Profile hides. */
  storedAttributes(username: string): Record<string, string[]> | undefined {
    return structuredClone(this.findByUsername(username)?.attributes);
  }

  /** A browser session of the user, so that a logout has something to end. */
  startSession(username: string): void {
    const user = this.findByUsername(username);
    if (!user) throw new Error(`no user ${username}`);
    user.sessions += 1;
  }

  sessions(username: string): number {
    return this.findByUsername(username)?.sessions ?? 0;
  }

  /** Calls after `since` (a `seq`), optionally only those whose "METHOD path" matches and those of one admin client. */
  callsSince(since: number, match?: RegExp, clientId?: string): RecordedCall[] {
    return this.calls.filter(
      (call) => call.seq > since && (!match || match.test(`${call.method} ${call.path}`)) && (!clientId || call.clientId === clientId),
    );
  }

  get lastSeq(): number {
    return this.seq;
  }

  private findByUsername(username: string): StoredUser | undefined {
    const wanted = username.toLowerCase();
    return [...this.users.values()].find((user) => user.username === wanted);
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.url);
    const raw = await readBody(request);
    const call: RecordedCall = {
      seq: ++this.seq,
      method: request.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      status: 0,
      ...(raw ? { body: recordedBody(raw, request.headers['content-type']) } : {}),
    };
    this.calls.push(call);
    let status: number;
    let body: unknown;
    let headers: Record<string, string> = {};
    try {
      if (this.outageLeft > 0) {
        this.outageLeft -= 1;
        throw new HttpError(this.outageStatus, { error: 'unknown_error' });
      }
      ({ status, body, headers = {} } = this.route(call, url, raw, request));
    } catch (error) {
      // Anything else is a bug of the simulator; it answers as Keycloak does to an unexpected exception.
      ({ status, body } = error instanceof HttpError ? error : { status: 500, body: { error: 'unknown_error' } });
      if (!(error instanceof HttpError)) call.error = String(error);
    }
    call.status = status;
    if (this.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    const payload = body === undefined ? '' : JSON.stringify(body);
    response.writeHead(status, { ...headers, ...(payload ? { 'content-type': 'application/json' } : {}) });
    response.end(payload);
  }

  private route(call: RecordedCall, url: URL, raw: string, request: IncomingMessage): { status: number; body?: unknown; headers?: Record<string, string> } {
    const { method } = call;
    const token = url.pathname.match(/^\/realms\/([^/]+)\/protocol\/openid-connect\/token$/);
    if (token) {
      if (method !== 'POST') throw notFoundResource(method, url);
      return this.issueToken(call, decodeURIComponent(token[1]!), raw, request);
    }
    const admin = url.pathname.match(/^\/admin\/realms\/([^/]+)(\/.*)?$/);
    if (!admin) throw notFoundResource(method, url);
    const caller = this.authenticate(call, request);
    const realm = decodeURIComponent(admin[1]!);
    if (realm !== this.realm) throw new HttpError(404, { error: 'Realm not found.' });
    const rest = admin[2] ?? '';
    const byId = rest.match(/^\/users\/([^/]+)(\/logout)?$/);
    if (rest === '/users' && method === 'GET') return this.searchUsers(caller, url.searchParams);
    if (rest === '/users' && method === 'POST') return this.createUser(caller, parseJson(raw));
    if (byId) {
      const user = this.users.get(decodeURIComponent(byId[1]!));
      const logout = byId[2] === '/logout';
      if (logout && method === 'POST') return this.logout(caller, user);
      if (!logout && method === 'GET') return this.getUser(caller, user);
      if (!logout && method === 'PUT') return this.updateUser(caller, user, parseJson(raw));
      if (!logout && method === 'DELETE') return this.deleteUser(caller, user);
    }
    throw notFoundResource(method, url);
  }

  private issueToken(call: RecordedCall, realm: string, raw: string, request: IncomingMessage) {
    if (realm !== this.adminRealm && realm !== this.realm) throw new HttpError(404, { error: 'Realm does not exist' });
    const form = new URLSearchParams(raw);
    let clientId = form.get('client_id') ?? undefined;
    let secret = form.get('client_secret') ?? undefined;
    const basic = request.headers.authorization?.match(/^Basic (.+)$/i);
    if (basic) {
      const [id, password] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      secret = decodeURIComponent(password ?? '');
    }
    call.clientId = clientId;
    const grantType = form.get('grant_type');
    if (!grantType) throw new HttpError(400, { error: 'invalid_request', error_description: 'Missing form parameter: grant_type' });
    const client = this.options.clients.find((candidate) => candidate.realm === realm && candidate.clientId === clientId);
    if (!client || client.secret !== secret) {
      throw new HttpError(401, { error: 'unauthorized_client', error_description: 'Invalid client or Invalid client credentials' });
    }
    if (grantType !== 'client_credentials') throw new HttpError(400, { error: 'unsupported_grant_type', error_description: 'Unsupported grant_type' });
    const lifespan = this.options.tokenLifespanSeconds ?? 60;
    const value = randomBytes(24).toString('base64url');
    this.tokens.set(value, { clientId: client.clientId, realm, expiresAt: Date.now() + lifespan * 1000, revoked: false });
    return {
      status: 200,
      body: { access_token: value, expires_in: lifespan, refresh_expires_in: 0, token_type: 'Bearer', 'not-before-policy': 0, scope: 'profile email' },
    };
  }

  private authenticate(call: RecordedCall, request: IncomingMessage): SimulatedAdminClient {
    const bearer = request.headers.authorization?.match(/^Bearer (.+)$/i)?.[1];
    const token = bearer ? this.tokens.get(bearer) : undefined;
    call.clientId = token?.clientId;
    if (!token || token.revoked || token.expiresAt <= Date.now()) throw new HttpError(401, { error: 'HTTP 401 Unauthorized' });
    // Master's clients manage every realm (through the "<realm>-realm" client's roles); another realm's clients only their own.
    if (token.realm !== this.adminRealm && token.realm !== this.realm) throw new HttpError(401, { error: 'HTTP 401 Unauthorized' });
    return this.options.clients.find((client) => client.realm === token.realm && client.clientId === token.clientId)!;
  }

  private require(caller: SimulatedAdminClient, action: 'view' | 'manage'): void {
    const allowed = action === 'manage' ? ['manage-users'] : ['manage-users', 'view-users', 'query-users'];
    if (!caller.roles.some((role) => allowed.includes(role))) throw new HttpError(403, { error: 'HTTP 403 Forbidden' });
  }

  private searchUsers(caller: SimulatedAdminClient, params: URLSearchParams) {
    this.require(caller, 'view');
    const exact = params.get('exact') === 'true';
    const matches = (value: string | undefined, wanted: string) =>
      value !== undefined && (exact ? value.toLowerCase() === wanted.toLowerCase() : value.toLowerCase().includes(wanted.toLowerCase()));
    const byField = (['username', 'email', 'firstName', 'lastName'] as const).filter((field) => params.has(field));
    const search = params.get('search');
    const q = params.get('q');
    const enabled = params.get('enabled');
    // Keycloak leaves service-account users out of free-text search and of the plain listing, not of attribute filters.
    const includeServiceAccounts = byField.length > 0 || q !== null;
    let found = [...this.users.values()].filter((user) => includeServiceAccounts || !user.serviceAccountClientId);
    for (const field of byField) found = found.filter((user) => matches(user[field], params.get(field)!));
    if (search !== null && search !== '*') {
      const needle = search.replace(/\*/g, '').toLowerCase();
      found = found.filter((user) => [user.username, user.email, user.firstName, user.lastName].some((value) => value?.toLowerCase().includes(needle)));
    }
    if (q) {
      for (const pair of q.split(' ').filter(Boolean)) {
        const [name, value] = pair.split(':');
        found = found.filter((user) => this.visibleAttributes(user)[name ?? '']?.includes(value ?? ''));
      }
    }
    if (enabled !== null) found = found.filter((user) => String(user.enabled) === enabled);
    found.sort((a, b) => a.username.localeCompare(b.username));
    const first = Number(params.get('first') ?? 0);
    const max = Number(params.get('max') ?? 100);
    const brief = params.get('briefRepresentation') === 'true';
    return { status: 200, body: found.slice(first, first + max).map((user) => this.representation(user, brief)) };
  }

  private getUser(caller: SimulatedAdminClient, user: StoredUser | undefined) {
    this.require(caller, 'view');
    if (!user) throw new HttpError(404, { error: 'User not found' });
    return { status: 200, body: this.representation(user) };
  }

  private createUser(caller: SimulatedAdminClient, body: unknown) {
    this.require(caller, 'manage');
    const rep = userRepresentation(body);
    const username = rep.username?.trim().toLowerCase();
    if (!username) throw new HttpError(400, { errorMessage: 'User name is missing' });
    if (this.findByUsername(username)) throw new HttpError(409, { errorMessage: 'User exists with same username' });
    const attributes = this.validated({ ...normalise(rep.attributes ?? {}), ...rootAttributes({ ...rep, username }) });
    const user: StoredUser = {
      id: randomUUID(),
      createdTimestamp: Date.now(),
      username,
      // Keycloak's user model starts disabled; only an explicit `enabled: true` enables it.
      enabled: rep.enabled ?? false,
      emailVerified: rep.emailVerified ?? false,
      requiredActions: rep.requiredActions ?? [],
      notBefore: 0,
      sessions: 0,
      attributes: {},
    };
    this.applyProfile(user, attributes, true);
    this.users.set(user.id, user);
    return { status: 201, headers: { location: `${this.url}/admin/realms/${encodeURIComponent(this.realm)}/users/${user.id}` } };
  }

  private updateUser(caller: SimulatedAdminClient, user: StoredUser | undefined, body: unknown) {
    this.require(caller, 'manage');
    if (!user) throw new HttpError(404, { error: 'User not found' });
    const rep = userRepresentation(body);
    const replace = rep.attributes !== undefined;
    const submitted: Record<string, string[]> = { ...normalise(rep.attributes ?? {}), ...rootAttributes(rep) };
    if (!replace) {
      // Without `attributes`, the user's current ones stand in for whatever the body leaves out.
      for (const [name, values] of Object.entries({ ...this.visibleAttributes(user), ...rootAttributes(user) })) submitted[name] ??= values;
    }
    if (!submitted.username?.length) throw new HttpError(400, { errorMessage: 'User name is missing' });
    submitted.username = [submitted.username[0]!.toLowerCase()];
    const other = this.findByUsername(submitted.username[0]!);
    if (other && other.id !== user.id) throw new HttpError(409, { errorMessage: 'User exists with same username' });
    const attributes = this.validated(submitted);
    this.applyProfile(user, attributes, replace);
    if (rep.enabled !== undefined) user.enabled = rep.enabled;
    if (rep.emailVerified !== undefined) user.emailVerified = rep.emailVerified;
    if (rep.requiredActions !== undefined) user.requiredActions = rep.requiredActions;
    return { status: 204 };
  }

  private deleteUser(caller: SimulatedAdminClient, user: StoredUser | undefined) {
    this.require(caller, 'manage');
    if (!user) throw new HttpError(404, { error: 'User not found' });
    this.users.delete(user.id);
    return { status: 204 };
  }

  private logout(caller: SimulatedAdminClient, user: StoredUser | undefined) {
    this.require(caller, 'manage');
    if (!user) throw new HttpError(404, { error: 'User not found' });
    user.sessions = 0;
    user.notBefore = Math.floor(Date.now() / 1000);
    return { status: 204 };
  }

  /** The User Profile's checks, as an administrator edits (USER_API context); all errors at once, like Keycloak. */
  private validated(attributes: Record<string, string[]>): Record<string, string[]> {
    const errors: FieldError[] = [];
    for (const declared of this.profile.attributes) {
      const values = attributes[declared.name] ?? [];
      const editable = declared.permissions?.edit?.includes('admin') ?? false;
      if (!editable) continue;
      const required = declared.required && (!declared.required.roles || declared.required.roles.includes('admin'));
      if (required && values.length === 0) errors.push({ field: declared.name, errorMessage: 'error-user-attribute-required', params: [declared.name] });
      if (!declared.multivalued && values.length > 1) {
        errors.push({ field: declared.name, errorMessage: 'error-invalid-multivalued-size', params: [declared.name, 0, 1] });
      }
      for (const [validator, config] of Object.entries(declared.validations ?? {})) {
        for (const value of values) {
          const error = validate(validator, config, declared.name, value);
          if (error) errors.push(error);
        }
      }
    }
    if (errors.length === 1) throw new HttpError(400, errors[0]);
    if (errors.length > 1) throw new HttpError(400, { errors });
    return attributes;
  }

  /** Stores what the profile manages; an undeclared attribute is dropped without a word unless the realm allows unmanaged ones. */
  private applyProfile(user: StoredUser, attributes: Record<string, string[]>, removeMissing: boolean): void {
    const managed = new Set(this.profile.attributes.filter((a) => a.permissions?.edit?.includes('admin')).map((a) => a.name));
    const unmanagedWritable = this.profile.unmanagedAttributePolicy === 'ENABLED' || this.profile.unmanagedAttributePolicy === 'ADMIN_EDIT';
    for (const root of ROOT_ATTRIBUTES) {
      const value = attributes[root]?.[0];
      if (value !== undefined) user[root] = root === 'email' || root === 'username' ? value.toLowerCase() : value;
      else if (removeMissing && root !== 'username') delete user[root];
    }
    for (const name of managed) {
      if ((ROOT_ATTRIBUTES as readonly string[]).includes(name)) continue;
      if (attributes[name]?.length) user.attributes[name] = [...attributes[name]];
      else if (removeMissing) delete user.attributes[name];
    }
    if (unmanagedWritable) {
      for (const [name, values] of Object.entries(attributes)) {
        if (!managed.has(name) && !(ROOT_ATTRIBUTES as readonly string[]).includes(name)) user.attributes[name] = [...values];
      }
    }
  }

  private visibleAttributes(user: StoredUser): Record<string, string[]> {
    const declared = new Set(this.profile.attributes.map((a) => a.name));
    const showUnmanaged = this.profile.unmanagedAttributePolicy !== undefined;
    return Object.fromEntries(
      Object.entries(user.attributes).filter(([name]) => (declared.has(name) || showUnmanaged) && !(ROOT_ATTRIBUTES as readonly string[]).includes(name)),
    );
  }

  private representation(user: StoredUser, brief = false): Record<string, unknown> {
    const attributes = this.visibleAttributes(user);
    return {
      id: user.id,
      username: user.username,
      ...(user.firstName !== undefined ? { firstName: user.firstName } : {}),
      ...(user.lastName !== undefined ? { lastName: user.lastName } : {}),
      ...(user.email !== undefined ? { email: user.email } : {}),
      emailVerified: user.emailVerified,
      ...(!brief && Object.keys(attributes).length ? { attributes: structuredClone(attributes) } : {}),
      createdTimestamp: user.createdTimestamp,
      enabled: user.enabled,
      totp: false,
      ...(user.serviceAccountClientId ? { serviceAccountClientId: user.serviceAccountClientId } : {}),
      ...(brief ? {} : { disableableCredentialTypes: [], requiredActions: [...user.requiredActions], notBefore: user.notBefore }),
      access: { manageGroupMembership: true, view: true, mapRoles: true, impersonate: false, manage: true },
    };
  }
}

interface RealmExport {
  realm: string;
  users?: {
    username: string;
    enabled?: boolean;
    emailVerified?: boolean;
    email?: string;
    firstName?: string;
    lastName?: string;
    attributes?: Record<string, string[]>;
    serviceAccountClientId?: string;
    requiredActions?: string[];
  }[];
  components?: Record<string, { providerId: string; config?: Record<string, string[]> }[]>;
}

function userProfileOf(realm: RealmExport): UserProfileConfig {
  const component = realm.components?.['org.keycloak.userprofile.UserProfileProvider']?.find((c) => c.providerId === 'declarative-user-profile');
  const text = component?.config?.['kc.user.profile.config']?.[0];
  if (!text) throw new Error(`realm ${realm.realm} has no declarative User Profile`);
  return JSON.parse(text) as UserProfileConfig;
}

interface ParsedUserRepresentation {
  username?: string;
  email?: string;
  firstName?: string;
  lastName?: string;
  enabled?: boolean;
  emailVerified?: boolean;
  attributes?: Record<string, (string | null)[]>;
  requiredActions?: string[];
}

/** Jackson's view of a UserRepresentation: scalars coerced to text, `attributes` through Keycloak's StringListMapDeserializer. */
function userRepresentation(body: unknown): ParsedUserRepresentation {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, { error: 'unknown_error' });
  const input = body as Record<string, unknown>;
  const text = (name: string): string | undefined => {
    const value = input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object') throw new HttpError(400, { error: 'unknown_error' });
    return String(value);
  };
  const flag = (name: string): boolean | undefined => {
    const value = input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new HttpError(400, { error: 'unknown_error' });
  };
  const rep: ParsedUserRepresentation = {};
  for (const name of ['username', 'email', 'firstName', 'lastName'] as const) {
    const value = text(name);
    if (value !== undefined) rep[name] = value;
  }
  const enabled = flag('enabled');
  if (enabled !== undefined) rep.enabled = enabled;
  const emailVerified = flag('emailVerified');
  if (emailVerified !== undefined) rep.emailVerified = emailVerified;
  if (Array.isArray(input.requiredActions)) rep.requiredActions = input.requiredActions.map(asText).filter((v): v is string => v !== null);
  if (input.attributes !== undefined && input.attributes !== null) {
    const attributes: Record<string, (string | null)[]> = {};
    // An array or a scalar has no fields: Jackson's `fields()` yields nothing, so the map is empty.
    if (typeof input.attributes === 'object' && !Array.isArray(input.attributes)) {
      for (const [name, value] of Object.entries(input.attributes as Record<string, unknown>)) {
        attributes[name] = Array.isArray(value) ? value.map(asText) : [asText(value)];
      }
    }
    rep.attributes = attributes;
  }
  return rep;
}

/** Jackson's `JsonNode.asText()`: containers have no text. */
function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') return '';
  return String(value);
}

/** Keycloak drops null and blank values before validating, and an attribute left with none is absent. */
function normalise(attributes: Record<string, (string | null)[]>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(attributes)) {
    const kept = values.filter((value): value is string => value !== null && value.trim() !== '');
    if (kept.length) result[name] = kept;
  }
  return result;
}

function rootAttributes(rep: { username?: string; email?: string; firstName?: string; lastName?: string }): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const name of ROOT_ATTRIBUTES) {
    const value = rep[name];
    if (value !== undefined && value.trim() !== '') result[name] = [value];
  }
  return result;
}

function validate(validator: string, config: Record<string, unknown>, field: string, value: string): FieldError | undefined {
  switch (validator) {
    case 'length': {
      const min = Number(config.min ?? 0);
      const max = Number(config.max ?? Number.POSITIVE_INFINITY);
      return value.length < min || value.length > max ? { field, errorMessage: 'error-invalid-length', params: [field, config.min, config.max] } : undefined;
    }
    case 'email':
      return EMAIL.test(value) ? undefined : { field, errorMessage: 'error-invalid-email', params: [field, value] };
    case 'options': {
      const options = (config.options as string[] | undefined) ?? [];
      return options.includes(value) ? undefined : { field, errorMessage: 'error-invalid-value', params: [field, value] };
    }
    case 'pattern': {
      const pattern = new RegExp(String(config.pattern));
      return pattern.test(value) ? undefined : { field, errorMessage: String(config['error-message'] ?? 'error-pattern-no-match'), params: [field, value] };
    }
    case 'person-name-prohibited-characters':
      return PERSON_NAME_PROHIBITED.test(value) ? { field, errorMessage: 'error-person-name-invalid-character', params: [field, value] } : undefined;
    case 'username-prohibited-characters':
      return USERNAME_PROHIBITED.test(value) ? { field, errorMessage: 'error-username-invalid-character', params: [field, value] } : undefined;
    default:
      return undefined;
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new HttpError(400, { error: 'unknown_error' });
  }
}

function recordedBody(raw: string, contentType: string | undefined): unknown {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (form.client_secret) form.client_secret = '***';
    return form;
  }
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function notFoundResource(method: string, url: URL): HttpError {
  return new HttpError(404, { error: `RESTEASY003210: Could not find resource for full path: ${url.href} (${method})` });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
