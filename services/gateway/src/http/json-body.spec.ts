import { exceedsDepth } from './json-body';

describe('exceedsDepth', () => {
  it('counts objects and arrays nested in each other', () => {
    expect(exceedsDepth('{"a": [{"b": [1]}]}', 4)).toBe(false);
    expect(exceedsDepth('{"a": [{"b": [1]}]}', 3)).toBe(true);
    expect(exceedsDepth(`${'['.repeat(5_000)}${']'.repeat(5_000)}`, 64)).toBe(true);
  });

  it('does not count brackets inside strings, escaped quotes included', () => {
    expect(exceedsDepth(JSON.stringify({ note: '[[[[{{{{' }), 1)).toBe(false);
    expect(exceedsDepth(JSON.stringify({ note: 'nói "[[[[" rồi \\ thôi' }), 1)).toBe(false);
  });

  it('counts siblings once: depth is not breadth', () => {
    expect(exceedsDepth(JSON.stringify({ items: Array.from({ length: 1_000 }, (_, i) => ({ i })) }), 3)).toBe(false);
  });
});
