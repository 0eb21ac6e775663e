import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Bus } from '@mc/messaging';
import { createLogger } from '@mc/observability';
import type { DossierConfig } from '../src/dossier.config';
import { FEEDS, ReadModelFreshness } from '../src/read-models/read-model-freshness';

// On a first start the read models' consumers do not exist yet; the check runs every DOSSIER_READ_MODEL_CHECK_MS.
describe('read model freshness before its consumers exist', () => {
  it('says so once per subject, not on every check, and refuses submissions meanwhile', async () => {
    const lines: Array<{ level: string; msg: string; subject?: string; cause?: string }> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const bus = await Bus.connect({ url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', namespace: `rmf${randomBytes(3).toString('hex')}`, service: 'dossier' });
    const config = { DOSSIER_READ_MODEL_CHECK_MS: 20, DOSSIER_READ_MODEL_MAX_LAG_MS: 5_000 } as DossierConfig;
    const freshness = new ReadModelFreshness(bus, config, createLogger('dossier', 'info', destination));
    try {
      freshness.onApplicationBootstrap();
      await new Promise((resolve) => setTimeout(resolve, 400));
    } finally {
      await freshness.onApplicationShutdown();
      await bus.close();
    }
    const subjects = Object.values(FEEDS).flat();
    const said = lines.filter((line) => line.msg.startsWith('read model'));
    expect(said.map((line) => line.subject).sort()).toEqual([...subjects].sort());
    expect(said.map((line) => [line.level, line.cause])).toEqual(subjects.map(() => ['info', 'StreamNotFoundError']));
    expect(() => freshness.require('units')).toThrow(expect.objectContaining({ code: 'SERVICE_UNAVAILABLE' }));
  });
});
