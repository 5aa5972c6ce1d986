/**
 * `npm run bench:instances -- [--n 200] [--instances 2] [--concurrency 1]`: N Vouch server processes on one
 * throwaway Postgres (test/support/postgres.ts), extractive drafter and local embedder. Measures how fast
 * the instances drain a burst of interviews between them (every draft must be claimed once), how fast they
 * take approvals sent to all of them at once, and contested approvals (the same draft to every instance).
 * Prints one JSON line at the end.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadInterviewFixtures } from '../test/fixtures/interviews/index.js';
import { startApp, type RunningApp } from '../test/support/app.js';
import { TestClient } from '../test/support/http-client.js';
import { createTestDatabase, startPgCluster } from '../test/support/postgres.js';

const { values } = parseArgs({
  options: { n: { type: 'string', default: '200' }, instances: { type: 'string', default: '2' }, concurrency: { type: 'string', default: '1' } },
});
const n = Number(values.n);
const instanceCount = Number(values.instances);
const PASSWORD = 'correct horse battery';
const OVERRIDE = { reason: 'Benchmark approval of the drafted profile' };

const given = process.env.VOUCH_TEST_DATABASE_URL;
const cluster = given ? undefined : await startPgCluster();
const database = await createTestDatabase(given ?? cluster!.url);
const apps: RunningApp[] = [];
const sql = new pg.Client({ connectionString: database.url });
try {
  const env = {
    VOUCH_DATABASE_URL: database.url,
    VOUCH_LLM: 'extractive',
    VOUCH_EMBEDDER: 'local',
    VOUCH_ADMIN_EMAIL: 'ada@example.com',
    VOUCH_ADMIN_PASSWORD: PASSWORD,
    VOUCH_DRAFT_CONCURRENCY: values.concurrency,
    VOUCH_SYNC_POLL_MS: '500',
  };
  apps.push(...(await Promise.all(Array.from({ length: instanceCount }, (_, i) => startApp({ env: { ...env, VOUCH_INSTANCE_ID: `bench-${i}` } })))));
  await sql.connect();
  const admin = new TestClient(apps[0].url);
  await admin.login('ada@example.com', PASSWORD);
  const clients = apps.map((app) => admin.at(app.url));
  const fixtures = loadInterviewFixtures();

  // 1. A burst of interviews, spread over the instances.
  let t = performance.now();
  const ids = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const f = fixtures[i % fixtures.length];
      // A line naming the copy keeps each interview distinct; the drafter's work is the same.
      const r = await clients[i % clients.length].post('/api/interviews', { notes: `${f.raw}\n\n(Interview copy ${i}.)` });
      if (r.status !== 202) throw new Error(`interview ${i}: ${r.status} ${r.text}`);
      return r.body.draft.id as string;
    }),
  );
  const acceptedMs = performance.now() - t;
  let rows: { status: string; claims: number; claimed_by: string }[] = [];
  for (;;) {
    rows = (await sql.query('SELECT status, claims, claimed_by FROM drafts WHERE id = ANY($1)', [ids])).rows;
    if (rows.every((r) => r.status !== 'drafting')) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const draftSeconds = (performance.now() - t) / 1000;
  const doubled = rows.filter((r) => r.claims !== 1).length;
  const perInstance = apps.map((_, i) => rows.filter((r) => r.claimed_by?.startsWith(`bench-${i}/`)).length);

  // 2. Contested approvals: the same draft to every instance at once.
  const contested = ids.slice(0, Math.min(20, n));
  t = performance.now();
  let contestedOk = 0;
  for (const id of contested) {
    const draft = (await clients[0].get(`/api/drafts/${id}`)).body;
    const results = await Promise.all(clients.map((c) => c.post(`/api/drafts/${id}/approve`, { profile: draft.profile, override: OVERRIDE, consent: { source: 'Agreed in the interview' } })));
    const statuses = results.map((r) => r.status).sort();
    if (statuses.filter((s) => s === 200).length === 1 && statuses.filter((s) => s === 409).length === clients.length - 1) contestedOk++;
  }
  const contestedMs = (performance.now() - t) / contested.length;

  // 3. Approvals at once, spread over the instances (different drafts).
  const rest = ids.slice(contested.length);
  const profiles = await Promise.all(rest.map(async (id) => (await clients[0].get(`/api/drafts/${id}`)).body.profile));
  t = performance.now();
  const approvals = await Promise.all(
    rest.map((id, i) => clients[i % clients.length].post(`/api/drafts/${id}/approve`, { profile: profiles[i], override: OVERRIDE, consent: { source: 'Agreed in the interview' } })),
  );
  const approveSeconds = (performance.now() - t) / 1000;
  const approveErrors = approvals.filter((r) => r.status !== 200).length;

  const result = {
    instances: instanceCount,
    concurrencyPerInstance: Number(values.concurrency),
    drafts: n,
    acceptMs: Math.round(acceptedMs),
    draftsPerSecond: Math.round((n / draftSeconds) * 10) / 10,
    draftedTwice: doubled,
    draftsPerInstance: perInstance,
    contested: { drafts: contested.length, exactlyOneWinner: contestedOk, msPerDraft: Math.round(contestedMs) },
    approvals: { n: rest.length, perSecond: Math.round(rest.length / approveSeconds), errors: approveErrors },
  };
  console.log(
    `${n} drafts on ${instanceCount} instances: ${result.draftsPerSecond}/s (per instance ${perInstance.join(' / ')}; drafted twice: ${doubled})`,
  );
  console.log(`contested approvals: ${contestedOk}/${contested.length} with exactly one winner, ${result.contested.msPerDraft} ms each`);
  console.log(`approvals at once: ${rest.length} in ${approveSeconds.toFixed(2)} s (${result.approvals.perSecond}/s, ${approveErrors} errors)`);
  console.log(JSON.stringify(result));
} finally {
  await sql.end().catch(() => undefined);
  await Promise.all(apps.map((a) => a.stop()));
  await database.drop().catch(() => undefined);
  await cluster?.stop();
}
