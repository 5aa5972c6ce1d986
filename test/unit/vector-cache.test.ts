import { describe, expect, it } from 'vitest';
import { createVectorCache } from '../../server/match/vector-cache.js';

const unit = (v: number[]) => {
  const n = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / n);
};
const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('fact-vector cache', () => {
  const dense = unit(Array.from({ length: 64 }, (_, i) => Math.sin(i + 1)));
  const sparse = unit(Array.from({ length: 64 }, (_, i) => (i % 9 === 0 ? Math.cos(i) + 2 : 0)));
  const query = unit(Array.from({ length: 64 }, (_, i) => Math.cos(i * 0.7)));

  it('keeps dot products within int8 precision, dense or sparse', () => {
    const cache = createVectorCache(1 << 20);
    expect(cache.dot(cache.set('dense', dense), query)).toBeCloseTo(dot(dense, query), 2);
    const s = cache.set('sparse', sparse);
    expect(s.idx?.length).toBe(8);
    expect(cache.dot(s, query)).toBeCloseTo(dot(sparse, query), 2);
  });

  it('stays under its byte cap by dropping the least recently used', () => {
    const cache = createVectorCache(400);
    cache.set('a', dense);
    cache.set('b', dense);
    cache.get('a'); // a is now the most recently used
    cache.set('c', dense);
    expect(cache.stats().bytes).toBeLessThanOrEqual(400);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBeDefined();
    expect(cache.get('c')).toBeDefined();
  });
});
