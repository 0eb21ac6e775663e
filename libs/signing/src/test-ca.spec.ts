import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEMO_IDENTITIES, ensureTestCa } from './test-ca';

describe('ensureTestCa', () => {
  let parent: string;
  beforeAll(async () => {
    parent = await mkdtemp(path.join(tmpdir(), 'test-ca-'));
  });
  afterAll(() => rm(parent, { recursive: true, force: true }));

  // Two replicas of the signatures service starting together on one shared folder: both must end up with the same CA.
  it('gives replicas that create it at the same moment one and the same CA', async () => {
    const dir = path.join(parent, 'ca');
    const identities = DEMO_IDENTITIES.slice(0, 1);
    const [first, second] = await Promise.all([ensureTestCa(dir, 'pw', identities), ensureTestCa(dir, 'pw', identities)]);
    expect(first.rootDer.equals(second.rootDer)).toBe(true);
    expect(first.keys).toEqual(second.keys);
    // The loser's staging folder is gone: only the CA is left beside it.
    expect(await readdir(parent)).toEqual(['ca']);
    const again = await ensureTestCa(dir, 'pw', identities);
    expect(again.rootDer.equals(first.rootDer)).toBe(true);
  });
});
