import { execSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@mc/local-infra';

/**
 * The lint rules that keep the architecture: a service imports only libs, a lib never imports a
 * service, contracts depend on nothing in-house, pure rules load no infrastructure, the gateway
 * loads nothing that opens a database, and service sources never import local-infra.
 */
describe('module boundaries', () => {
  const root = repoRoot();
  const env = { ...process.env, NX_DAEMON: 'false' };

  beforeAll(() => {
    // The rule reads Nx's project graph; make sure it is computed.
    execSync('npx nx show projects', { cwd: root, stdio: 'ignore', env });
  });

  /** ESLint's CLI on a would-be file (ESLint cannot load its config inside Jest's VM). */
  const lintErrors = (filePath: string, code: string, rule: string) => {
    const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');
    const run = spawnSync(process.execPath, [eslint, '--stdin', '--stdin-filename', filePath, '--format', 'json'], {
      cwd: root,
      input: code,
      env,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[];
    return result!.messages.filter((message) => message.ruleId === rule);
  };
  const boundaryErrors = (filePath: string, code: string) => lintErrors(filePath, code, '@nx/enforce-module-boundaries');
  const restrictedImports = (filePath: string, code: string) => lintErrors(filePath, code, 'no-restricted-imports');

  it('forbids a service importing another service', () => {
    const code = "import { dossierService } from '../../dossier/src/dossier.service';\nexport const x = dossierService;\n";
    expect(boundaryErrors('services/reporting/src/probe.ts', code)).toHaveLength(1);
  });

  it('forbids a lib importing a service', () => {
    const code = "import { dossierService } from '@mc/dossier';\nexport const x = dossierService;\n";
    expect(boundaryErrors('libs/contracts/src/probe.ts', code)).toHaveLength(1);
  });

  it('allows a service to import a lib', () => {
    const code = "import { SERVICE_NAMES } from '@mc/contracts';\nexport const x = SERVICE_NAMES;\n";
    expect(boundaryErrors('services/reporting/src/probe.ts', code)).toHaveLength(0);
  });

  it('forbids the contracts any in-house import', () => {
    const code = "import { tracer } from '@mc/observability';\nexport const x = tracer;\n";
    expect(boundaryErrors('libs/contracts/src/probe.ts', code)).toHaveLength(1);
  });

  it('forbids the working calendar infrastructure and libs other than the contracts', () => {
    expect(boundaryErrors('libs/working-calendar/src/probe.ts', "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n")).toHaveLength(1);
    expect(boundaryErrors('libs/working-calendar/src/probe.ts', "import { jwtVerify } from 'jose';\nexport const x = jwtVerify;\n")).toHaveLength(1);
    expect(boundaryErrors('libs/working-calendar/src/probe.ts', "import { POLICY } from '@mc/auth';\nexport const x = POLICY;\n")).toHaveLength(1);
    expect(boundaryErrors('libs/working-calendar/src/probe.ts', "import { SERVICE_NAMES } from '@mc/contracts';\nexport const x = SERVICE_NAMES;\n")).toHaveLength(0);
  });

  it('forbids the policy and the dossier workflow infrastructure, and the @mc/auth barrel that loads jose', () => {
    expect(restrictedImports('libs/auth/src/policy.ts', "import { jwtVerify } from 'jose';\nexport const x = jwtVerify;\n")).toHaveLength(1);
    expect(restrictedImports('services/dossier/src/dossiers/workflow.ts', "import { POLICY } from '@mc/auth';\nexport const x = POLICY;\n")).toHaveLength(1);
    expect(restrictedImports('services/dossier/src/dossiers/workflow.ts', "import { Injectable } from '@nestjs/common';\nexport const x = Injectable;\n")).toHaveLength(1);
    expect(restrictedImports('services/dossier/src/dossiers/workflow.ts', "import { POLICY } from '@mc/auth/rules';\nexport const x = POLICY;\n")).toHaveLength(0);
  });

  it('forbids the gateway anything that opens a database', () => {
    expect(restrictedImports('services/gateway/src/probe.ts', "import { loadConfig } from '@mc/service-runtime';\nexport const x = loadConfig;\n")).toHaveLength(1);
    expect(restrictedImports('services/gateway/src/probe.ts', "import { DataSource } from 'typeorm';\nexport const x = DataSource;\n")).toHaveLength(1);
    expect(restrictedImports('services/gateway/src/probe.ts', "import { Pool } from 'pg';\nexport const x = Pool;\n")).toHaveLength(1);
    expect(restrictedImports('services/gateway/src/probe.ts', "import { loadConfig } from '@mc/service-runtime/config';\nexport const x = loadConfig;\n")).toHaveLength(0);
  });

  it('forbids service sources, not their tests, to import local-infra', () => {
    const code = "import { repoRoot } from '@mc/local-infra';\nexport const x = repoRoot;\n";
    expect(restrictedImports('services/reporting/src/probe.ts', code)).toHaveLength(1);
    expect(restrictedImports('services/gateway/src/probe.ts', code)).toHaveLength(1);
    expect(restrictedImports('services/reporting/test/probe.ts', code)).toHaveLength(0);
  });
});
