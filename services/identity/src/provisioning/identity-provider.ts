/** A role as every service reads it from the token's `mc_roles` claim. */
export interface ProvisionedRole {
  role: string;
  /** Official code of the unit; empty for the citizen. */
  unit: string;
  /** The unit's place in the tree, `/20/05983/`; empty for the citizen. */
  path: string;
}

/** An account as the identity service holds it now; the provider is made to match it. */
export interface ProvisionedUser {
  accountId: string;
  username: string;
  fullName: string;
  /** Undefined leaves whatever address the provider holds (one set there for password resets survives). */
  email?: string;
  enabled: boolean;
  kind: 'staff' | 'citizen' | 'client';
  /**
   * The machine client an account of kind `client` authenticates as. Such an
   * account is not a user who signs in: the provider updates the client's own
   * service-account user and never creates one (the client is realm configuration).
   */
  clientId?: string;
  roles: ProvisionedRole[];
}

export type ProvisionOutcome = 'created' | 'updated' | 'unchanged';

export interface ProvisionResult {
  /** The provider's own id of the user (Keycloak's `sub`), which is not the account id. */
  userId: string;
  outcome: ProvisionOutcome;
}

/**
 * The token issuer of the compose and production profiles, kept in step with
 * the identity service, which stays the source of truth for accounts and
 * grants. An abstract class so that Nest can inject it by type.
 */
export abstract class IdentityProvider {
  /**
   * Creates or updates the user so that its tokens carry the account's kind and
   * roles. Idempotent: the same state a second time writes nothing. When the
   * account is disabled, the user has no session left once this resolves.
   */
  abstract upsertUser(user: ProvisionedUser): Promise<ProvisionResult>;

  /** Enables or disables a user the provider already has; disabling also ends its sessions. */
  abstract setEnabled(username: string, enabled: boolean): Promise<void>;
}
