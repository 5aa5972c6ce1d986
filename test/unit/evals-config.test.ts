import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMatchingDataset } from '../../evals/dataset/matching.js';
import { loadProfileDataset, parseProfileCase } from '../../evals/dataset/profiles.js';
import { parseEvalArgs } from '../../evals/lib/args.js';
import { loadEvalConfig, parseEvalConfig } from '../../evals/lib/config.js';
import { UsageError } from '../../evals/lib/errors.js';
import { DEFAULT_CONFIG, REPO_ROOT } from '../../evals/lib/paths.js';
import { cachedDraft } from '../../evals/providers/cache.js';
import { ollamaHost, selectPrompt } from '../../evals/providers/ollama.js';
import { createReplayTargets } from '../../evals/providers/replay.js';
import { newRunId, resolveBaseline } from '../../evals/store/runs.js';
import type { DraftSample } from '../../evals/providers/types.js';
import { loadPrompt } from '../../server/llm/prompts.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'vouch-evals-unit-'));
const usage = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error('expected a UsageError');
};

describe('command line', () => {
  it('parses the documented contract', () => {
    expect(parseEvalArgs(['--provider', 'ollama', '--model', 'llama3.2, qwen2.5:7b', '--prompt', 'draft-profile@2', '--baseline', 'latest', '--repeat', '3', '--no-cache'])).toMatchObject({
      provider: 'ollama',
      models: ['llama3.2', 'qwen2.5:7b'],
      prompt: { id: 'draft-profile', version: '2' },
      baseline: 'latest',
      repeat: 3,
      cache: false,
    });
    expect(parseEvalArgs(['--help'])).toBeNull();
  });

  it('refuses what it cannot run, saying why', () => {
    expect(usage(() => parseEvalArgs([]))).toBe('--provider is required: ollama, extractive, replay');
    expect(usage(() => parseEvalArgs(['--provider', 'openai']))).toBe('unknown --provider "openai": use ollama, extractive, replay');
    expect(usage(() => parseEvalArgs(['--provider', 'extractive', '--model', 'x']))).toMatch(/extractive \(it has no models\)/);
    expect(usage(() => parseEvalArgs(['--provider', 'extractive', '--prompt', 'draft-profile']))).toMatch(/ollama only/);
    expect(usage(() => parseEvalArgs(['--provider', 'ollama', '--repeat', '0']))).toMatch(/--repeat must be a whole number/);
    expect(usage(() => parseEvalArgs(['--provider', 'ollama', '--prompt', 'Draft Profile']))).toMatch(/ID or ID@VERSION/);
    expect(usage(() => parseEvalArgs(['--provider', 'ollama', '--frobnicate']))).toMatch(/frobnicate/);
  });

  it('takes OLLAMA_HOST with or without a scheme', () => {
    expect(ollamaHost({ OLLAMA_HOST: '0.0.0.0:11434' })).toBe('http://0.0.0.0:11434');
    expect(ollamaHost({ OLLAMA_HOST: 'https://gpu.local/' })).toBe('https://gpu.local');
    expect(ollamaHost({})).toBe('http://127.0.0.1:11434');
  });

  it('evaluates prompts/draft-profile as it is, and refuses another version or prompt', () => {
    const current = loadPrompt('draft-profile');
    expect(selectPrompt({ id: 'draft-profile', version: current.version }).sha256).toBe(current.sha256);
    expect(usage(() => selectPrompt({ id: 'draft-profile', version: '999' }))).toContain(`is at version ${current.version}, not 999`);
    expect(usage(() => selectPrompt({ id: 'nope' }))).toMatch(/no prompt "nope" in prompts\/ \(there is: .*draft-profile/);
  });
});

describe('eval config', () => {
  it('loads the committed config with every gated metric measurable', () => {
    const config = loadEvalConfig(DEFAULT_CONFIG);
    expect(config.datasets.profiles).toBe(path.join(REPO_ROOT, 'evals/datasets/profiles.jsonl'));
    expect(Object.keys(config.gate)).toEqual(expect.arrayContaining(['fieldF1', 'quoteFaithfulness', 'unsupportedNumberRate', 'forbiddenFactRate', 'matchingNdcg5']));
  });

  it('fills defaults, and explains what is wrong in readable lines', () => {
    const minimal = parseEvalConfig({ datasets: { profiles: 'd.jsonl' }, scorers: ['schemaValidity'] }, '/x/c.json');
    expect(minimal).toMatchObject({ repeat: 1, runsDir: '/x/runs', scorerOptions: { passF1: 0.5 }, providers: { ollama: { timeoutMs: 180_000 } } });
    const message = usage(() =>
      parseEvalConfig({ datasets: { profiles: 'd.jsonl' }, scorers: ['schemaValidity', 'vibes'], gate: { fieldF2: { tolerance: -1 } } }, '/x/c.json'),
    );
    expect(message).toMatch(/^invalid eval config \/x\/c\.json:/);
    expect(message).toMatch(/\n {2}scorers\.1: /);
    expect(message).toContain('\n  gate: Unrecognized key: "fieldF2"');
    expect(message).toMatch(/metrics that can be gated: schemaValidity, fieldF1, /);
  });

  it('refuses to gate a metric that nothing in the config measures', () => {
    const message = usage(() =>
      parseEvalConfig({ datasets: { profiles: 'd.jsonl' }, scorers: ['schemaValidity'], gate: { quoteFaithfulness: {}, matchingNdcg5: {} } }, '/x/c.json'),
    );
    expect(message).toContain('gate.quoteFaithfulness: needs the "quoteFaithfulness" scorer in scorers');
    expect(message).toContain('gate.matchingNdcg5: needs datasets.matching');
  });
});

describe('datasets', () => {
  it('the committed profiles set has at least 25 cases, each with expectations and varied sources', () => {
    const { cases } = loadProfileDataset(path.join(REPO_ROOT, 'evals/datasets/profiles.jsonl'));
    expect(cases.length).toBeGreaterThanOrEqual(25);
    for (const c of cases) expect(Object.keys(c.gold).length + c.forbidden.length).toBeGreaterThan(0);
    const tags = new Set(cases.flatMap((c) => c.tags));
    for (const tag of ['transcript', 'vtt', 'srt', 'timestamps', 'messy', 'criticism', 'injection', 'long', 'short']) expect(tags).toContain(tag);
    // Transcripts are normalised as the server does: no cue timings reach the drafter.
    for (const c of cases.filter((x) => x.tags.includes('transcript'))) expect(c.text).not.toMatch(/-->|\[\d\d:\d\d:\d\d\]/);
  });

  it('the committed matching set grades only known advocates', () => {
    const m = loadMatchingDataset(path.join(REPO_ROOT, 'evals/datasets/matching.jsonl'));
    expect(m.queries.length).toBeGreaterThanOrEqual(8);
    expect(m.advocates.some((a) => a.status !== 'active')).toBe(true);
  });

  it('rejects a case without any expectation instead of letting it pass', () => {
    expect(usage(() => parseProfileCase({ id: 'empty', description: 'd', notes: 'Some notes.' }, 'x.jsonl:3'))).toBe(
      'x.jsonl:3: case "empty" has no expectations (no gold facts, nothing forbidden); a case that checks nothing would always pass',
    );
  });

  it('rejects a gold quote that is not verbatim in the notes, duplicate ids and broken lines', () => {
    expect(usage(() => parseProfileCase({ id: 'q', description: 'd', notes: 'She said "yes, really".', gold: { quotes: ['yes really'] } }, 'x:1'))).toMatch(
      /gold quote of "q" is not verbatim/,
    );
    const dir = tmp();
    const file = path.join(dir, 'd.jsonl');
    const line = JSON.stringify({ id: 'a', description: 'd', notes: 'n', gold: { name: '' } });
    writeFileSync(file, `${line}\n\n${line}\n`);
    expect(usage(() => loadProfileDataset(file))).toMatch(/d\.jsonl:3: case id "a" is used twice$/);
    writeFileSync(file, `${line}\n{"id": \n`);
    expect(usage(() => loadProfileDataset(file))).toMatch(/d\.jsonl:2: not valid JSON/);
  });
});

describe('output cache', () => {
  const ok: DraftSample = { output: { name: 'Ada' }, latencyMs: 1200, usage: { completionTokens: 40 }, cached: false };
  it('serves a stored output without calling the model, and never stores an error', async () => {
    const cache = { dir: tmp(), read: true };
    let calls = 0;
    const failing = async (): Promise<DraftSample> => (calls++, { output: null, error: 'timeout: slow', latencyMs: 5, cached: false });
    expect(await cachedDraft(cache, { k: 1 }, failing)).toMatchObject({ error: 'timeout: slow' });
    expect(await cachedDraft(cache, { k: 1 }, failing)).toMatchObject({ error: 'timeout: slow' });
    expect(calls).toBe(2);
    const working = async () => (calls++, ok);
    expect(await cachedDraft(cache, { k: 1 }, working)).toEqual(ok);
    expect(await cachedDraft(cache, { k: 1 }, working)).toEqual({ ...ok, cached: true });
    expect(calls).toBe(3);
    // A different key (another prompt version, model, input or repeat) is a different entry.
    await cachedDraft(cache, { k: 2 }, working);
    expect(calls).toBe(4);
    // --no-cache calls again, and stores the fresh output.
    await cachedDraft({ ...cache, read: false }, { k: 1 }, async () => (calls++, { ...ok, latencyMs: 999 }));
    expect(await cachedDraft(cache, { k: 1 }, working)).toMatchObject({ cached: true, latencyMs: 999 });
    expect(calls).toBe(5);
  });
});

describe('replay recordings', () => {
  it('replays a .jsonl of outputs and errors, and says which cases it lacks', async () => {
    const dir = tmp();
    const file = path.join(dir, 'rec.jsonl');
    writeFileSync(file, [JSON.stringify({ case: 'a', output: { name: 'Ada' }, latencyMs: 900 }), JSON.stringify({ case: 'b', error: 'timeout: x' })].join('\n'));
    const [target] = createReplayTargets([file]);
    const testCase = (id: string) => parseProfileCase({ id, description: 'd', notes: 'Ada', gold: { name: 'Ada' } }, id);
    expect(target.label).toBe('replay:rec.jsonl');
    expect(await target.draft(testCase('a'), 0)).toMatchObject({ output: { name: 'Ada' }, latencyMs: 900, cached: true });
    expect(await target.draft(testCase('b'), 0)).toMatchObject({ output: null, error: 'timeout: x' });
    expect(await target.draft(testCase('c'), 0)).toMatchObject({ error: 'replay: no recorded output for this case' });
    writeFileSync(file, JSON.stringify({ case: 'a' }));
    expect(usage(() => createReplayTargets([file]))).toMatch(/rec\.jsonl:1: invalid recorded output/);
    expect(readFileSync(file, 'utf8')).toContain('"a"');
  });
});

describe('run files', () => {
  it('names runs by time and provider, and finds the latest earlier run of the same target', () => {
    expect(newRunId('ollama', new Date('2025-06-01T09:30:12.345Z'))).toBe('2025-06-01T09-30-12-345Z-ollama');
    const runs = tmp();
    const write = (id: string, label: string) => writeFileSync(path.join(runs, `${id}.json`), JSON.stringify({ targets: [{ label }] }));
    write('2025-06-01T09-00-00-000Z-ollama', 'ollama:llama3.2');
    write('2025-06-02T09-00-00-000Z-ollama', 'ollama:llama3.2');
    write('2025-06-03T09-00-00-000Z-extractive', 'extractive:vouch-extractive-v1');
    expect(path.basename(resolveBaseline('latest', runs, ['ollama:llama3.2']))).toBe('2025-06-02T09-00-00-000Z-ollama.json');
    expect(usage(() => resolveBaseline('latest', runs, ['ollama:qwen2.5']))).toMatch(/no earlier run of ollama:qwen2\.5 in .*run once without --baseline first/);
  });
});
