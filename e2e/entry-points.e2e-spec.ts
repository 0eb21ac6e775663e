import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@mc/local-infra';

/** What requiring one built file loads, as paths under node_modules or libs. */
const loadedBy = (file: string): string[] => {
  const script = `require(${JSON.stringify(path.join(repoRoot(), 'dist', file))}); process.stdout.write(JSON.stringify(Object.keys(require.cache)));`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as string[];
};
const packagesIn = (loaded: string[], names: string[]) => names.filter((name) => loaded.some((file) => file.includes(`/node_modules/${name}/`)));

/**
 * Entry points load only what they use: the gateway no database driver (it verifies tokens itself, so jose is
 * its own), the pure rules no token verifier.
 */
describe('entry points of the build', () => {
  it('starts the gateway without loading TypeORM or pg', () => {
    const loaded = loadedBy('services/gateway/src/index.js');
    expect(packagesIn(loaded, ['typeorm', 'pg'])).toEqual([]);
    expect(loaded.filter((file) => file.includes('/libs/persistence/'))).toEqual([]);
  });

  it.each(['workflow', 'transitions'])('loads the dossier %s rules without jose or any infrastructure', (rules) => {
    expect(packagesIn(loadedBy(`services/dossier/src/handling/${rules}.js`), ['jose', 'typeorm', 'pg', '@nats-io/transport-node', '@nestjs/core'])).toEqual([]);
  });
});
