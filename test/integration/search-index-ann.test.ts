import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSearchIndex, type SearchIndex } from '../../server/store/search-index.js';

/** Deterministic unit vectors (LCG), so the test is the same on every run. */
function vectors(n: number, dim: number, seed = 7): Float32Array[] {
  let x = seed;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 2 - 1;
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: dim }, rand);
    const norm = Math.hypot(...v);
    return v.map((c) => c / norm);
  });
}

describe('search index: exact below the threshold, HNSW above it (real LanceDB in a temp dir)', () => {
  let index: SearchIndex | undefined;
  afterAll(() => index?.close());

  it('builds the ANN index once the table crosses annMinRows and still finds each row first', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-ann-'));
    const dim = 32;
    index = await openSearchIndex(dir, dim, { annMinRows: 300 });
    const vs = vectors(400, dim);
    const rows = (from: number, to: number) =>
      vs.slice(from, to).map((vector, i) => ({ id: `a${from + i}`, version: 1, status: 'active', text: `advocate number ${from + i}`, vector }));

    await index.upsert(rows(0, 200));
    expect((await index.vectorIndex()).kind).toBe('exact');
    await index.upsert(rows(200, 400));
    await index.optimize();
    const state = await index.vectorIndex();
    expect(state.kind).toBe('ann');

    // Recall against the exact scan, on the rows themselves as queries.
    let agree = 0;
    for (const q of [3, 77, 150, 222, 301, 399]) {
      const ann = await index.vectorOnly(vs[q], 5);
      const exact = await index.vectorOnly(vs[q], 5, { exact: true });
      expect(exact[0].id).toBe(`a${q}`);
      if (ann[0].id === exact[0].id) agree += 1;
    }
    expect(agree).toBeGreaterThanOrEqual(5);
  });

  it('answers a request for more candidates than the HNSW search explores by default (a pinned search widens to 1,000)', async () => {
    const vs = vectors(400, 32);
    // 400 rows, 250 asked: more than the default ef (160). LanceDB refuses k > ef, which was a 500 on /api/match.
    const ann = await index!.vectorOnly(vs[10], 250);
    expect(ann).toHaveLength(250);
    expect(ann[0].id).toBe('a10');
    const fused = await index!.hybrid(vs[10], 'advocate number', 250);
    expect(fused.length).toBeGreaterThan(160);
  });

  it('purge(): the rows leave search and the files, every older version is pruned, and the ANN index is rebuilt', async () => {
    const vs = vectors(400, 32);
    // A newer version of a3 (the old row stays in the files, marked deleted) and a withdrawal (likewise).
    await index!.upsert([{ id: 'a3', version: 2, status: 'active', text: 'advocate number 3, second version', vector: vs[3] }]);
    await index!.remove(['a5']);
    await index!.purge(['a77']);
    expect(await index!.storage()).toEqual({ rows: 398, physicalRows: 398, versions: expect.any(Number) });
    expect((await index!.storage()).versions).toBeLessThanOrEqual(2);
    expect((await index!.vectorIndex()).kind).toBe('ann');
    expect((await index!.vectorOnly(vs[77], 5, { exact: true })).map((h) => h.id)).not.toContain('a77');
    expect((await index!.vectorOnly(vs[150], 1))[0].id).toBe('a150');
    expect(await index!.textOnly('second version', 5)).toEqual([expect.objectContaining({ id: 'a3' })]);
    const texts = await index!.texts();
    expect(texts.filter((t) => ['a5', 'a77'].includes(t.id))).toEqual([]);
    // Below the threshold again: back to the exact scan.
    await index!.purge(texts.slice(0, 200).map((t) => t.id));
    expect(await index!.vectorIndex()).toEqual({ kind: 'exact', rows: 198 });
  });
});
