import path from 'node:path';
import { repoRoot } from '@mc/local-infra';

export const DEMO_UNITS_FILE = path.join(repoRoot(), 'infra/demo/units.json');
export const DEMO_ACCOUNTS_FILE = path.join(repoRoot(), 'infra/demo/accounts.json');
export const DEMO_PASSWORD = 'MotCua@2026';

/** A token from the issuer's token endpoint with the password grant, as a test or load client gets one. */
export async function passwordToken(issuer: string, username: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', client_id: 'mot-cua-web', username, password }),
  });
  const body = (await response.json()) as { access_token?: string; error_description?: string };
  if (!body.access_token) throw new Error(`no token for ${username}: ${body.error_description}`);
  return body.access_token;
}
