import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_FIELD_NAMES } from '../../server/domain/profile.js';
import { OllamaStandIn, chatChunks } from '../support/ollama-standin.js';
import { testVectorCacheDir } from '../support/vector-cache.js';

// The eval CLI as CI and prompt owners run it: a child process, real files, real LanceDB, real HTTP to the
// Ollama stand-in. Runs and cached outputs go to a temporary folder through a copy of the committed config.
const ROOT = path.resolve(import.meta.dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');
const BASELINE = 'evals/baselines/extractive.json';

let dir: string;
let config: string;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Asynchronous on purpose: the stand-in answers from this process while the CLI waits on it. */
function cli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, ['evals/cli.ts', '--config', config, ...args], {
      cwd: ROOT,
      env: { ...process.env, VOUCH_VECTOR_CACHE: testVectorCacheDir(), ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const runFiles = () => readdirSync(path.join(dir, 'runs')).sort();

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vouch-evals-cli-'));
  const committed = JSON.parse(readFileSync(path.join(ROOT, 'evals/vouch-eval.config.json'), 'utf8'));
  const fromEvals = (p: string) => path.join(ROOT, 'evals', p);
  config = path.join(dir, 'eval.config.json');
  writeFileSync(
    config,
    JSON.stringify({
      ...committed,
      datasets: { profiles: fromEvals(committed.datasets.profiles), matching: fromEvals(committed.datasets.matching) },
      runsDir: path.join(dir, 'runs'),
      cacheDir: path.join(dir, 'cache'),
      matching: { ...committed.matching, vectorCacheDir: testVectorCacheDir() },
    }),
  );
});

describe('eval CLI with the extractive provider (what CI runs)', () => {
  it('holds against the committed baseline: exit 0, with a run file and an HTML report', async () => {
    const r = await cli(['--provider', 'extractive', '--baseline', BASELINE]);
    expect(r.stderr).not.toMatch(/failed unexpectedly/);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`RESULT: PASS — every gated metric holds against ${BASELINE}`);
    expect(r.stdout).toMatch(/field F1 vs gold \*\s+0\.\d{3}\s+0\.\d{3} \(=\)/);
    expect(r.stdout).toMatch(/matching \(11 prospects, local:wink/);
    const json = runFiles().find((f) => f.endsWith('-extractive.json'))!;
    const run = JSON.parse(readFileSync(path.join(dir, 'runs', json), 'utf8'));
    expect(run).toMatchObject({ format: 'vouch-eval-run@1', options: { provider: 'extractive', repeat: 1 }, gate: { passed: true, baseline: BASELINE } });
    expect(run.git).toHaveProperty('revision');
    expect(run.targets[0].cases.length).toBeGreaterThanOrEqual(25);
    expect(existsSync(path.join(dir, 'runs', json.replace(/\.json$/, '.html')))).toBe(true);
  });
});

describe('eval CLI against an Ollama that answers with confident junk', () => {
  const ollama = new OllamaStandIn();
  let host: string;
  // Schema-valid, so nothing at the protocol level is wrong: invented person, quotes and numbers, and
  // activities nobody agreed to. A title carrying markup checks that the HTML report escapes it.
  const junk = {
    excerpts: Object.fromEntries(PROFILE_FIELD_NAMES.map((f) => [f, []])),
    name: 'John Smith',
    title: '<script>alert(1)</script> Chief Executive',
    company: 'Acme Corp',
    industry: 'Technology',
    region: 'United States',
    companySize: '10,000 employees',
    languages: ['English'],
    products: ['Lumen Scheduler'],
    useCases: ['digital transformation'],
    outcomes: ['Revenue up 300%', 'Saved $5 million in year one'],
    quotes: ['Lumen changed our business forever.', 'Best vendor we have ever worked with.'],
    activities: ['press', 'case_study', 'event_speaker'],
  };

  beforeAll(async () => {
    ollama.setDefault('/api/chat', { kind: 'stream', chunks: chatChunks('llama3.2', JSON.stringify(junk), { eval_count: 180, eval_duration: 3e9 }) });
    host = await ollama.start();
  });
  afterAll(() => ollama.close());

  it('exits 1 and names the metrics that regressed against the extractive baseline', async () => {
    const r = await cli(['--provider', 'ollama', '--baseline', BASELINE], { OLLAMA_HOST: host });
    expect(r.code).toBe(1);
    const verdict = r.stdout.split('\n').find((l) => l.startsWith('RESULT:'))!;
    expect(verdict).toMatch(/^RESULT: FAIL — regressed or failed against evals\/baselines\/extractive\.json: ollama:llama3\.2: /);
    for (const metric of ['fieldF1', 'quoteFaithfulness', 'unsupportedNumberRate', 'forbiddenFactRate']) expect(verdict).toContain(metric);
    expect(verdict).not.toContain('schemaValidity');
    expect(r.stdout).toMatch(/✗ ollama:llama3\.2 quoteFaithfulness: 0\.000 vs baseline 1\.000/);
    expect(r.stdout).toMatch(/tokens per second\s+—\s+60\.0/);
    // Every case went to the model once, with the structured-output schema and the prompt's data tags.
    const chats = ollama.requestsTo('/api/chat');
    expect(chats.length).toBeGreaterThanOrEqual(25);
    expect(chats[0].body).toMatchObject({ model: 'llama3.2', format: { type: 'object' } });
    expect(chats[0].body.messages[1].content).toContain('<interview_notes>');
    const html = readFileSync(path.join(dir, 'runs', runFiles().find((f) => f.endsWith('-ollama.html'))!), 'utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('re-scores from the cache without calling the model again, and calls it again with --no-cache', async () => {
    const before = ollama.requestsTo('/api/chat').length;
    const three = path.join(dir, 'three.jsonl');
    writeFileSync(three, readFileSync(path.join(ROOT, 'evals/datasets/profiles.jsonl'), 'utf8').split('\n').slice(0, 3).join('\n'));
    const cached = await cli(['--provider', 'ollama', '--dataset', three, '--baseline', BASELINE], { OLLAMA_HOST: host });
    expect(cached.code).toBe(1);
    expect(ollama.requestsTo('/api/chat').length).toBe(before);
    expect(cached.stderr).toMatch(/\[ollama:llama3\.2\] 1\/3 clinic-no-notes ✗ check failed cached/);
    expect(cached.stdout).toContain('ollama:llama3.2 vs extractive:vouch-extractive-v1: 3 cases compared (25 only in baseline: not compared)');
    const forced = await cli(['--provider', 'ollama', '--no-cache', '--dataset', three], { OLLAMA_HOST: host });
    expect(forced.code).toBe(1); // without a baseline the thresholds alone (quotes ≥ 0.9, unsupported numbers ≤ 0.1) fail junk
    expect(forced.stdout).toContain('(thresholds only, no --baseline)');
    expect(ollama.requestsTo('/api/chat').length).toBe(before + 3);
  });

  it('exits 2 with the pull command when a model is not pulled', async () => {
    const r = await cli(['--provider', 'ollama', '--model', 'llama3.2,mistral-nemo'], { OLLAMA_HOST: host });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Model mistral-nemo is not pulled: run `ollama pull mistral-nemo`');
  });
});

describe.concurrent('eval CLI usage and config errors exit 2 with the reason', () => {
  it('an unknown provider, with the usage text', async () => {
    const r = await cli(['--provider', 'gpt4']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('eval: unknown --provider "gpt4": use ollama, extractive, replay');
    expect(r.stderr).toContain('Usage: npm run eval --');
  });

  it('a missing baseline, and an Ollama that is not running', async () => {
    const missing = await cli(['--provider', 'extractive', '--baseline', 'evals/baselines/nope.json']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('eval: no baseline at evals/baselines/nope.json');
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as AddressInfo;
        s.close(() => resolve(port));
      });
    });
    const down = await cli(['--provider', 'ollama'], { OLLAMA_HOST: `127.0.0.1:${port}` });
    expect(down.code).toBe(2);
    expect(down.stderr).toContain(`Ollama is not reachable at http://127.0.0.1:${port}`);
  });

  it('a dataset case without expectations', async () => {
    const file = path.join(dir, 'bad.jsonl');
    writeFileSync(file, `${JSON.stringify({ id: 'lonely', description: 'no gold', notes: 'Some notes.' })}\n`);
    const r = await cli(['--provider', 'extractive', '--dataset', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.jsonl:1: case "lonely" has no expectations/);
  });
});
