import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '@mc/local-infra';

// The drift check: the checked-in response schemas and the console's client
// types must be what the contracts and the routes generate today.
describe('the generated API artifacts', () => {
  it('are current with the contracts and the routes (run `node tools/generate-api.js` if not)', () => {
    const run = spawnSync(process.execPath, [path.join(repoRoot(), 'tools/generate-api.js'), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
