/**
 * k6 entry for the peak-hour scenarios (k6 ≥ 0.57 runs TypeScript as is):
 *
 *   k6 run -e BASE_URL=http://127.0.0.1:3000 -e SCENARIO=submissions load-tests/k6/peak-hour.ts
 *
 * SCENARIO is submissions (default), tracking or peak_hour. Everything that
 * decides the load — the mix, the arrival stages, the generated data, the
 * checks and the thresholds — comes from ../scenario/peak-hour.ts, the module
 * the local runner (npm run load) applies too.
 */
import { check, fail } from 'k6';
import http from 'k6/http';
import {
  callerKey,
  checkResponse,
  k6Options,
  planRequest,
  provisioningPlan,
  scenarioData,
  scenarios,
  seededRandom,
  VirtualUserState,
  LOAD_PASSWORD,
  PROVINCE_ADMIN,
  type DemoProcedure,
  type DemoUnit,
  type ScenarioName,
  // @ts-expect-error -- k6 resolves modules by file name, so the import names the .ts file; tsc reads the same module.
} from '../scenario/peak-hour.ts';

const BASE_URL = (__ENV.BASE_URL ?? 'http://127.0.0.1:3000').replace(/\/$/, '');
const definition = scenarios(__ENV)[(__ENV.SCENARIO ?? 'submissions') as ScenarioName];
if (!definition) throw new Error(`unknown SCENARIO ${__ENV.SCENARIO}: submissions, tracking or peak_hour`);

const units = (JSON.parse(open('../../infra/demo/units.json')) as { units: DemoUnit[] }).units;
const procedures = (JSON.parse(open('../../infra/demo/catalog/procedures.json')) as { procedures: DemoProcedure[] }).procedures;
const data = scenarioData(units, procedures);

export const options = k6Options(definition);

type Tokens = Record<string, string>;

function token(issuer: string, username: string): string {
  const response = http.post(`${issuer}/token`, { grant_type: 'password', client_id: 'mot-cua-web', username, password: LOAD_PASSWORD });
  const accessToken = response.status === 200 ? (response.json('access_token') as string) : '';
  if (!accessToken) fail(`no token for ${username}: ${response.status} ${response.body}`);
  return accessToken;
}

/** Real tokens from the issuer the gateway names, for accounts the province admin creates. */
export function setup(): Tokens {
  const config = http.get(`${BASE_URL}/api/v1/auth/config`);
  if (config.status !== 200) fail(`GET /api/v1/auth/config: ${config.status}`);
  const issuer = (config.json('issuer') as string).replace(/\/$/, '');
  const admin = token(issuer, PROVINCE_ADMIN);
  const plan = provisioningPlan(data);
  const json = (body: unknown, bearer?: string) => ({
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });
  for (const account of plan.staff) {
    const { headers, body } = json(account, admin);
    const response = http.post(`${BASE_URL}/api/v1/accounts`, body, { headers });
    if (response.status !== 201 && response.status !== 409) fail(`account ${account.username}: ${response.status} ${response.body}`);
  }
  for (const citizen of plan.citizens) {
    const { headers, body } = json(citizen);
    const response = http.post(`${BASE_URL}/api/v1/citizens`, body, { headers });
    if (response.status !== 202) fail(`citizen ${citizen.idNumber}: ${response.status} ${response.body}`);
  }
  const tokens: Tokens = { [PROVINCE_ADMIN]: admin };
  for (const account of plan.staff) tokens[account.username] = token(issuer, account.username);
  for (const citizen of plan.citizens) tokens[citizen.idNumber] = token(issuer, citizen.idNumber);
  return tokens;
}

// Module scope is per virtual user in k6: each keeps its own dossiers.
const state = new VirtualUserState(__VU, seededRandom(__VU * 7_919 + 1));

export default function (tokens: Tokens) {
  const request = planRequest(definition, data, state);
  const key = callerKey(request.as);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (key) headers.authorization = `Bearer ${tokens[key]}`;
  const response =
    request.method === 'GET'
      ? http.get(`${BASE_URL}${request.path}`, { headers, tags: { kind: request.kind } })
      : http.post(`${BASE_URL}${request.path}`, JSON.stringify(request.body), { headers, tags: { kind: request.kind } });
  const failed = checkResponse(request, response.status, typeof response.body === 'string' ? response.body : null, state);
  check(response, { [`${request.kind} ok`]: () => failed === null }, { kind: request.kind });
}
