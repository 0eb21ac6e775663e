import type { Feed, ReadModelFreshness } from './read-model-freshness';

/**
 * Rows of a read model kept in memory while its feed's generation stays the
 * same, so that a submission reads the unit tree, the versions and the
 * calendar without a round trip. Only what was found is kept: something not
 * found yet may be on its way. The generation is taken before the read, so a
 * change applied during it leaves the entry already out of date.
 */
export class ReadModelCache<V> {
  private readonly entries = new Map<string, { generation: number; value: V }>();

  constructor(
    private readonly freshness: ReadModelFreshness,
    private readonly feed: Feed,
    private readonly capacity = 10_000,
  ) {}

  async get(key: string, read: () => Promise<V | undefined>): Promise<V | undefined> {
    const generation = this.freshness.generation(this.feed);
    const kept = this.entries.get(key);
    if (kept?.generation === generation) return kept.value;
    const value = await read();
    if (value === undefined) return undefined;
    if (!kept && this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { generation, value });
    return value;
  }
}
