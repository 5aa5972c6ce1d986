import { copyFile, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CACHE_FILE_PREFIX } from '../../server/llm/local/cache-format.js';
import { createLocalEmbedder } from '../../server/llm/local/index.js';
import { loadWordVectors } from '../../server/llm/local/load-cache.js';
import { tokenize } from '../../server/llm/local/tokenize.js';
import type { Embedder } from '../../server/llm/types.js';
import { testVectorCacheDir } from '../support/vector-cache.js';

const CACHE_DIR = testVectorCacheDir();
let embedder: Embedder;

beforeAll(async () => {
  embedder = await createLocalEmbedder({ cacheDir: CACHE_DIR });
}, 120_000);

async function embed(text: string): Promise<Float32Array> {
  const outcome = await embedder.embedQuery(text);
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.vectors[0];
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

const norm = (v: Float32Array) => Math.sqrt(v.reduce((sum, x) => sum + x * x, 0));

async function cacheFile(dir: string): Promise<string> {
  const names = (await readdir(dir)).filter((n) => n.startsWith(CACHE_FILE_PREFIX) && n.endsWith('.bin'));
  expect(names).toHaveLength(1);
  return path.join(dir, names[0]);
}

describe('local embedder: similarity', () => {
  it('puts related words closer than unrelated ones', async () => {
    const [hospital, clinic, guitar, bank, financial] = await Promise.all(
      ['hospital', 'clinic', 'guitar', 'bank', 'financial'].map(embed),
    );
    expect(cosine(hospital, clinic)).toBeGreaterThan(cosine(hospital, guitar) + 0.3);
    expect(cosine(bank, financial)).toBeGreaterThan(cosine(bank, guitar) + 0.3);
  });

  it('ranks a financial-services profile above a hospital profile for a regional bank prospect', async () => {
    const query = await embed('regional bank worried about audit findings');
    const finance = await embed('CFO at Harbor Credit Union, a financial services cooperative in Maine; automated reconciliation.');
    const hospital = await embed('CIO at Mercy Valley Health, a hospital system in Ohio; automated nurse scheduling.');
    expect(cosine(query, finance)).toBeGreaterThan(cosine(query, hospital));
  });

  it('matches a prospect to the profile in the same industry and country over one sharing only the country', async () => {
    const query = await embed('mid-size hospital in Germany, worried about data privacy, evaluating us for patient scheduling');
    const clinicGermany = await embed('Head of IT at a university clinic in Hamburg, Germany; GDPR audit passed; rostering for nurses.');
    const retailGermany = await embed('Store operations lead at a supermarket chain in Germany; staff scheduling for 200 stores.');
    expect(cosine(query, clinicGermany)).toBeGreaterThan(cosine(query, retailGermany));
  });

  it('gives words the vocabulary lacks a non-zero, deterministic vector that overlap can find', async () => {
    const a = await embed('Zorblax');
    const b = await embed('Zorblax');
    expect(norm(a)).toBeCloseTo(1, 5);
    expect(a).toEqual(b);
    const profile = await embed('Runs the Zorblax rollout for the finance team');
    const other = await embed('Runs the hospital rollout for the finance team');
    expect(cosine(a, profile)).toBeGreaterThan(cosine(a, other));
  });
});

describe('local embedder: vectors', () => {
  it('has a stable id that names the vectors and the hashed dimensions', () => {
    expect(embedder.id).toMatch(/^local:wink-sg-100d\+hash512\/v\d+-[0-9a-f]{8}$/);
    expect(embedder.dim).toBe(612);
  });

  it('returns one unit vector of length dim per text, the same for documents and queries', async () => {
    const texts = ['Hospital in Germany', 'covid-19 vaccination logistics', 'GDPR, fintech, kubernetes'];
    const outcome = await embedder.embedDocuments(texts);
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.vectors).toHaveLength(3);
    for (const [i, v] of outcome.vectors.entries()) {
      expect(v).toHaveLength(embedder.dim);
      expect(norm(v)).toBeCloseTo(1, 5);
      expect(v).toEqual(await embed(texts[i]));
    }
  });

  it('returns zeros for text without content words, equally far from every profile', async () => {
    const v = await embed('the and of it');
    expect(v).toHaveLength(embedder.dim);
    expect(norm(v)).toBe(0);
  });

  it('reports an aborted request as a retryable error value', async () => {
    const controller = new AbortController();
    controller.abort();
    const outcome = await embedder.embedDocuments(['hospital'], controller.signal);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'timeout', retryable: true } });
  });
});

describe('local embedder: tokenizer', () => {
  const texts = (input: string) => tokenize(input).map((t) => t.text);

  it('lower-cases, folds accents and drops stop words and bare numbers', () => {
    expect(texts('The Klinikum in München has 1,200 beds')).toEqual(['klinikum', 'munchen', 'beds']);
  });

  it('keeps compounds whole and splits their parts for pooling', () => {
    expect(tokenize('COVID-19 data-privacy K-12')).toEqual([
      { text: 'covid-19', parts: ['covid'] },
      { text: 'data-privacy', parts: ['data', 'privacy'] },
      { text: 'k-12', parts: ['k-12'] },
    ]);
  });

  it('reads "IT" and "US" as the acronyms, not the stop words', () => {
    expect(texts('IT leader in the US, evaluating us')).toEqual(['information', 'technology', 'leader', 'usa', 'evaluating']);
  });
});

describe('local embedder: cache', () => {
  const scratch: string[] = [];
  afterAll(async () => {
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  it('is built once: a second embedder reuses the file', async () => {
    const file = await cacheFile(CACHE_DIR);
    const before = await stat(file);
    const messages: string[] = [];
    const again = await createLocalEmbedder({ cacheDir: CACHE_DIR, onProgress: (_, m) => messages.push(m) });
    expect(messages).toEqual([]);
    expect((await stat(file)).mtimeMs).toBe(before.mtimeMs);
    expect(again.id).toBe(embedder.id);
  });

  it('detects a damaged cache file by its checksum', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vouch-vectors-'));
    scratch.push(dir);
    const copy = path.join(dir, path.basename(await cacheFile(CACHE_DIR)));
    const bytes = await readFile(await cacheFile(CACHE_DIR));
    bytes[bytes.length >> 1] ^= 0xff;
    await writeFile(copy, bytes);
    expect(await loadWordVectors(copy)).toEqual({ ok: false, reason: 'checksum mismatch' });
  });

  it('rebuilds a truncated cache file, reporting progress, and embeds as before', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'vouch-vectors-'));
    scratch.push(dir);
    const original = await cacheFile(CACHE_DIR);
    const copy = path.join(dir, path.basename(original));
    await copyFile(original, copy);
    await truncate(copy, 1000);

    const progress: [number, string][] = [];
    const rebuilt = await createLocalEmbedder({ cacheDir: dir, onProgress: (f, m) => progress.push([f, m]) });
    expect(progress[0]).toEqual([0, expect.stringMatching(/^rebuilding word-vector cache \(size 1000 bytes, header says \d+\)…$/)]);
    expect(progress.at(-1)?.[0]).toBe(1);
    expect(progress.map(([f]) => f)).toEqual([...progress.map(([f]) => f)].sort((a, b) => a - b));
    expect((await stat(copy)).size).toBe((await stat(original)).size);

    const outcome = await rebuilt.embedQuery('regional bank in Germany');
    expect(outcome.ok && outcome.vectors[0]).toEqual(await embed('regional bank in Germany'));
  }, 120_000);
});
