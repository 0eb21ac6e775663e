import { execSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@mc/local-infra';

/** The lint rule that keeps the architecture: a service imports only libs, a lib never imports a service. */
describe('module boundaries', () => {
  const root = repoRoot();
  const env = { ...process.env, NX_DAEMON: 'false' };

  beforeAll(() => {
    // The rule reads Nx's project graph; make sure it is computed.
    execSync('npx nx show projects', { cwd: root, stdio: 'ignore', env });
  });

  /** ESLint's CLI on a would-be file (ESLint cannot load its config inside Jest's VM). */
  const boundaryErrors = (filePath: string, code: string) => {
    const eslint = path.join(root, 'node_modules/eslint/bin/eslint.js');
    const run = spawnSync(process.execPath, [eslint, '--stdin', '--stdin-filename', filePath, '--format', 'json'], {
      cwd: root,
      input: code,
      env,
      encoding: 'utf8',
    });
    const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string }[] }[];
    return result!.messages.filter((message) => message.ruleId === '@nx/enforce-module-boundaries');
  };

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
});
