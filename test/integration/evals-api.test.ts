import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVouch } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { EvalRunDetail, EvalRunList } from '../../server/domain/api/evals.js';
import { PROFILE_FIELD_NAMES } from '../../server/domain/profile.js';
import { buildApp } from '../../server/http/app.js';
import { evalRoutes } from '../../server/http/routes/evals.js';
import { TestClient } from '../support/http-client.js';
import { OllamaStandIn, chatChunks } from '../support/ollama-standin.js';
import { testVectorCacheDir } from '../support/vector-cache.js';

// The /api/evals endpoints over real HTTP: the committed baseline from the repository's evals folder, and a
// run that `npm run eval` really wrote (two models behind the Ollama stand-in, compared with the baseline)
// in a temporary evals folder with a copy of the dataset.
const ROOT = path.resolve(import.meta.dirname, '../..');
const PASSWORD = 'correct horse battery';
const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/** The whole server with the eval routes (registered here until server/http/app.ts registers them). */
async function startWithEvals(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'vouch-evals-api-'));
  const config = loadConfig({
    VOUCH_DATA_DIR: dataDir,
    VOUCH_VECTOR_CACHE: testVectorCacheDir(),
    VOUCH_LLM: 'extractive',
    VOUCH_EMBEDDER: 'local',
    OLLAMA_HOST: 'http://127.0.0.1:9',
    ...env,
  });
  const ctx = await createVouch(config, quiet);
  const app: FastifyInstance = await buildApp(ctx);
  if (!app.hasRoute({ method: 'GET', url: '/api/evals/runs' })) await app.register(evalRoutes, { ctx });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url, config, stop: async () => (await app.close(), await ctx.close()) };
}
type Server = Awaited<ReturnType<typeof startWithEvals>>;

/** Signs in the first admin and creates one user per other role. */
async function users(url: string) {
  const admin = new TestClient(url);
  expect((await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada', password: PASSWORD })).status).toBe(201);
  const clients: Record<string, TestClient> = { admin };
  for (const role of ['reviewer', 'rep'] as const) {
    const email = `${role}@example.com`;
    expect((await admin.post('/api/users', { email, name: role, role, password: PASSWORD })).status).toBe(201);
    clients[role] = new TestClient(url);
    await clients[role].login(email, PASSWORD);
  }
  return clients as { admin: TestClient; reviewer: TestClient; rep: TestClient };
}

/** A raw GET that keeps `..` in the path as sent (fetch would normalise it away). */
function rawGet(url: string, pathAsSent: string, cookie: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ hostname, port, path: pathAsSent, headers: { cookie } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

function evalCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['evals/cli.ts', ...args], { cwd: ROOT, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('eval runs from the repository (committed baseline)', () => {
  let server: Server;
  let admin: TestClient;
  let reviewer: TestClient;
  let rep: TestClient;
  const anon = () => new TestClient(server.url);

  beforeAll(async () => {
    server = await startWithEvals({});
    ({ admin, reviewer, rep } = await users(server.url));
  });
  afterAll(() => server?.stop());

  describe('GET /api/evals/runs', () => {
    it('lists the committed baseline, marked as one, for roles with evals:read', async () => {
      expect(server.config.evalsDir).toBe(path.join(ROOT, 'evals'));
      const r = await reviewer.get('/api/evals/runs');
      expect(r.status).toBe(200);
      const list = EvalRunList.parse(r.body);
      expect(list.dir).toBe('evals');
      const baseline = list.items.find((i) => i.id === 'baseline:extractive');
      expect(baseline).toMatchObject({
        kind: 'baseline',
        file: 'evals/baselines/extractive.json',
        provider: 'extractive',
        dataset: { path: 'evals/datasets/profiles.jsonl' },
        targets: [{ label: 'extractive:vouch-extractive-v1', model: 'vouch-extractive-v1', prompt: null }],
      });
      expect(baseline!.git.revision).toMatch(/^[0-9a-f]{40}$/);
      expect(baseline!.caseCount).toBeGreaterThanOrEqual(25);
      expect(baseline!.targets[0].metrics.fieldF1).toBeGreaterThan(0.5);
      expect(baseline!.gated).toEqual(expect.arrayContaining(['fieldF1', 'quoteFaithfulness', 'forbiddenFactRate']));
      expect(baseline!.gate).toMatchObject({ against: null, passed: true, failures: [] });
      const times = list.items.map((i) => Date.parse(i.createdAt));
      expect(times).toEqual([...times].sort((a, b) => b - a));
    });

    it('is refused to reps (403) and to callers who are not signed in (401)', async () => {
      const r = await rep.get('/api/evals/runs');
      expect(r.status).toBe(403);
      expect(r.body.message).toBe('Your role does not allow this');
      expect((await rep.get('/api/evals/runs/baseline:extractive')).status).toBe(403);
      expect((await anon().get('/api/evals/runs')).status).toBe(401);
      expect((await anon().get('/api/evals/runs/baseline:extractive')).status).toBe(401);
    });
  });

  describe('GET /api/evals/runs/:id', () => {
    it('returns the matrix and every case with notes, gold, output and the stored checks', async () => {
      const r = await admin.get('/api/evals/runs/baseline:extractive');
      expect(r.status).toBe(200);
      const run = EvalRunDetail.parse(r.body);
      expect(run.datasetStatus.status).not.toBe('unavailable');
      expect(run.metrics.map((m) => m.name)).toContain('fieldF1');
      expect(run.gateRules.quoteFaithfulness).toMatchObject({ tolerance: 0.02, min: 0.9, max: null });
      expect(run.matrix).toHaveLength(1);
      expect(run.matrix[0]).toMatchObject({ label: 'extractive:vouch-extractive-v1', baseline: null, compared: null, failed: [] });
      expect(run.matrix[0].fields.name).toMatchObject({ f1: expect.any(Number) });
      expect(run.cases.length).toBeGreaterThanOrEqual(25);

      const clinic = run.cases.find((c) => c.id === 'clinic-no-notes')!;
      expect(clinic.notesStatus).toBe('same');
      expect(clinic.notes).toContain('Ingrid Solberg');
      const result = clinic.results[0];
      expect(result.target).toBe('extractive:vouch-extractive-v1');
      expect(result.current!.output!.name).toBe('Ingrid Solberg');
      expect(result.current!.checks.map((c) => c.scorer)).toEqual(expect.arrayContaining(['schemaValidity', 'fieldMatch', 'quoteFaithfulness']));
      const name = result.current!.fields.find((f) => f.field === 'name')!;
      expect(name).toMatchObject({ scored: true, gold: [{ text: 'Ingrid Solberg', found: true }], output: [{ text: 'Ingrid Solberg', inGold: true }] });
      const quote = result.current!.fields.find((f) => f.field === 'quotes')!.output[0];
      expect(quote.ungrounded).toBeNull();
      expect(clinic.notes!.slice(quote.span!.start, quote.span!.end)).toBe(quote.text);
      expect(result.current!.fields.map((f) => f.field)).toEqual([...PROFILE_FIELD_NAMES]);

      // Failing checks come first, and the case is flagged.
      const failing = run.cases.find((c) => c.failing)!;
      expect(failing.results[0].current!.checks[0].pass).toBe(false);
      expect(failing.results[0].current!.checks[0].reason).not.toBe('');
    });

    it('refuses ids that are paths: 400 for traversal, 404 for files that are not listed runs', async () => {
      for (const id of ['..%2F..%2Fpackage', '..%2Fvouch-eval.config', 'baseline:..%2F..%2Fpackage', '.hidden', 'a%5Cb', 'a%00b']) {
        const r = await admin.get(`/api/evals/runs/${id}`);
        expect(r.status, id).toBe(400);
        expect(r.body.error).toBe('invalid_request');
      }
      // A name that exists in the evals folder but is not a run or baseline file.
      const config = await admin.get('/api/evals/runs/vouch-eval.config');
      expect(config.status).toBe(404);
      expect(config.body.message).toBe('Eval run was not found');
      expect((await admin.get('/api/evals/runs/baseline:nope')).status).toBe(404);
      // `..` kept in the raw request line (fetch would normalise it away) never reaches a file either.
      expect((await rawGet(server.url, '/api/evals/runs/%2E%2E', admin.cookieHeader)).status).toBe(400);
      for (const raw of ['/api/evals/runs/../../package.json', '/api/evals/runs/baseline:../../package', '/api/evals/../../package.json']) {
        const r = await rawGet(server.url, raw, admin.cookieHeader);
        expect([400, 404], raw).toContain(r.status);
        expect(r.body).not.toContain('"dependencies"');
      }
    });
  });
});

describe('eval runs from another folder (VOUCH_EVALS_DIR)', () => {
  const ollama = new OllamaStandIn({ models: ['llama3.2:latest', 'qwen2.5:7b', 'nomic-embed-text:latest'] });
  let server: Server;
  let empty: Server;
  let admin: TestClient;
  let evalsDir: string;

  // Schema-valid, confident and wrong: an invented person, quotes nobody said, numbers not in the notes.
  const junk = (model: string) => ({
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
    outcomes: ['Revenue up 300%'],
    quotes: [`${model} changed our business forever.`],
    activities: ['press'],
  });

  beforeAll(async () => {
    ollama.setDefault('/api/chat', (req) => ({ kind: 'stream', chunks: chatChunks(req.body.model, JSON.stringify(junk(req.body.model)), { eval_count: 150, eval_duration: 3e9 }) }));
    const host = await ollama.start();
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'vouch-evals-dir-'));
    evalsDir = path.join(tmp, 'evals');
    for (const sub of ['runs', 'baselines', 'datasets']) mkdirSync(path.join(evalsDir, sub), { recursive: true });
    copyFileSync(path.join(ROOT, 'evals/baselines/extractive.json'), path.join(evalsDir, 'baselines/extractive.json'));
    copyFileSync(path.join(ROOT, 'evals/datasets/profiles.jsonl'), path.join(evalsDir, 'datasets/profiles.jsonl'));
    writeFileSync(path.join(evalsDir, 'runs/broken.json'), '{"format": "vouch-eval-run@1"');
    const committed = JSON.parse(readFileSync(path.join(ROOT, 'evals/vouch-eval.config.json'), 'utf8'));
    const config = path.join(tmp, 'eval.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        ...committed,
        datasets: { profiles: path.join(ROOT, 'evals/datasets/profiles.jsonl'), matching: path.join(ROOT, 'evals/datasets/matching.jsonl') },
        runsDir: path.join(evalsDir, 'runs'),
        cacheDir: path.join(tmp, 'cache'),
        matching: { ...committed.matching, vectorCacheDir: testVectorCacheDir() },
      }),
    );
    const cli = await evalCli(
      ['--config', config, '--provider', 'ollama', '--model', 'llama3.2,qwen2.5:7b', '--baseline', path.join(evalsDir, 'baselines/extractive.json')],
      { OLLAMA_HOST: host, VOUCH_VECTOR_CACHE: testVectorCacheDir() },
    );
    expect(cli.code, cli.stderr).toBe(1);

    server = await startWithEvals({ VOUCH_EVALS_DIR: evalsDir });
    empty = await startWithEvals({ VOUCH_EVALS_DIR: path.join(tmp, 'no-such-folder') });
    ({ admin } = await users(server.url));
  });
  afterAll(async () => {
    await server?.stop();
    await empty?.stop();
    await ollama.close();
  });

  it('GET /api/evals/runs: lists the new run first with its failed gate, and reports the unreadable file', async () => {
    const list = EvalRunList.parse((await admin.get('/api/evals/runs')).body);
    expect(list.items.map((i) => i.kind)).toEqual(['run', 'baseline']);
    const [run] = list.items;
    expect(run.id).toMatch(/^\d{4}-\d\d-\d\dT[\d-]+Z-ollama$/);
    expect(run.targets.map((t) => [t.label, t.prompt?.id, t.prompt?.version])).toEqual([
      ['ollama:llama3.2', 'draft-profile', expect.any(String)],
      ['ollama:qwen2.5:7b', 'draft-profile', expect.any(String)],
    ]);
    expect(run.gate).toMatchObject({ passed: false, baselineId: 'baseline:extractive' });
    expect(run.gate!.failures.map((f) => f.metric)).toEqual(expect.arrayContaining(['quoteFaithfulness', 'fieldF1']));
    expect(list.problems).toEqual([{ file: path.join(evalsDir, 'runs/broken.json'), message: expect.stringContaining('not valid JSON') }]);
    expect((await admin.get('/api/evals/runs/broken')).status).toBe(422);
  });

  it('GET /api/evals/runs/:id: deltas against the baseline, and per case the baseline output beside the model output', async () => {
    const list = EvalRunList.parse((await admin.get('/api/evals/runs')).body);
    const r = await admin.get(`/api/evals/runs/${encodeURIComponent(list.items[0].id)}`);
    expect(r.status).toBe(200);
    const run = EvalRunDetail.parse(r.body);
    expect(run.datasetStatus).toEqual({ status: 'same', message: null });
    for (const row of run.matrix) {
      expect(row.baseline!.label).toBe('extractive:vouch-extractive-v1');
      expect(row.compared).toBeGreaterThanOrEqual(25);
      expect(row.metrics.quoteFaithfulness).toBe(0);
      expect(row.baseline!.metrics.quoteFaithfulness).toBe(1);
      expect(row.failed).toContain('quoteFaithfulness');
    }
    const clinic = run.cases.find((c) => c.id === 'clinic-no-notes')!;
    expect(clinic).toMatchObject({ failing: true, worse: true, notesStatus: 'same' });
    const [llama] = clinic.results;
    expect(llama).toMatchObject({ target: 'ollama:llama3.2', baselineTarget: 'extractive:vouch-extractive-v1', change: { direction: 'worse' } });
    expect(llama.baseline!.output!.name).toBe('Ingrid Solberg');
    // Text from the model arrives as text (the UI never renders it as HTML).
    expect(llama.current!.output!.title).toBe('<script>alert(1)</script> Chief Executive');
    const name = llama.current!.fields.find((f) => f.field === 'name')!;
    expect(name).toMatchObject({ gold: [{ text: 'Ingrid Solberg', found: false }], output: [{ text: 'John Smith', inGold: false }] });
    const quotes = llama.current!.fields.find((f) => f.field === 'quotes')!;
    expect(quotes.output[0]).toMatchObject({ text: 'llama3.2 changed our business forever.', inGold: false, ungrounded: 'not in notes', span: null });
    const outcomes = llama.current!.fields.find((f) => f.field === 'outcomes')!;
    expect(outcomes.output[0].ungrounded).toContain('not in notes');
    expect(llama.current!.checks.filter((c) => !c.pass).map((c) => c.scorer)).toEqual(expect.arrayContaining(['fieldMatch', 'quoteFaithfulness']));
    // Forbidden facts the output contains point into the case's list.
    const withForbidden = run.cases.find((c) => c.results[0].current!.forbiddenHits.length > 0)!;
    expect(withForbidden.forbidden[withForbidden.results[0].current!.forbiddenHits[0]]).toHaveProperty('value');
  });

  it('a missing evals folder lists nothing (200), and any run id is 404', async () => {
    const { admin: a } = await users(empty.url);
    const r = await a.get('/api/evals/runs');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ items: [], problems: [] });
    expect((await a.get('/api/evals/runs/baseline:extractive')).status).toBe(404);
  });
});
