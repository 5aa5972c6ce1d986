/**
 * `npm run bench:lists -- --n 100000`: what GET /api/advocates costs at N advocates, paged, against the
 * unpaged list it replaced (every advocate with its full profile, measured in the same run).
 *
 * Generated advocates (the match benchmark's generator: realistic profiles, one a minute, so "most recently
 * updated" is a total order) go straight into a temp SQLite system of record; every tenth has no consent,
 * so a rep's pages filter. The real advocate routes and the real auth plugin run in a Fastify instance on a
 * loopback port (the search index, drafting and the other services play no part in a list) and are called
 * over HTTP with API tokens, a manager's and a rep's. Each row is the median of --runs calls after one
 * warm-up; bytes are the response body. The last rows time the deep page's SQL alone, keyset against
 * OFFSET, to show why the API pages by cursor.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import cookie from '@fastify/cookie';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Advocate } from '../server/domain/advocate.js';
import { mayViewAdvocate } from '../server/domain/consent.js';
import { encodeCursor } from '../server/domain/paging.js';
import { authPlugin, requireUser } from '../server/http/auth.js';
import type { AppContext } from '../server/http/context.js';
import { registerErrorHandling } from '../server/http/errors.js';
import { advocateRoutes } from '../server/http/routes/advocates.js';
import { generateAdvocate, rng } from './match/generate.js';
import { BENCH_ADMIN, openRecords } from './match/records.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '10000' }, runs: { type: 'string', default: '7' } } });
const n = Number(values.n);
const runs = Number(values.runs);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-lists-'));
const log = (s: string) => console.log(s);

// ── Records ────────────────────────────────────────────────────────────────────────────────────────────
let t = performance.now();
const records = await openRecords(dir, { indexed: true });
const random = rng(7);
const sample: { i: number; name: string; industry: string; company: string }[] = [];
for (let start = 0; start < n; start += 1000) {
  const list = Array.from({ length: Math.min(1000, n - start) }, (_, j) => generateAdvocate(random, start + j));
  await records.add(list);
  list.forEach((a, j) => {
    if ((start + j) % 997 === 0) sample.push({ i: start + j, name: a.name, industry: a.industry, company: a.company });
  });
}
const { stores } = records;
const sqlite = stores.db.sqlite!;
const unconsent = sqlite.prepare(`DELETE FROM advocate_consent WHERE advocate_id = ?`);
sqlite.transaction(() => {
  for (let i = 0; i < n; i += 10) unconsent.run(benchIdOf(i));
})();
const consenting = Number((sqlite.prepare(`SELECT count(*) AS c FROM advocate_consent`).get() as { c: number }).c);
sqlite.prepare(`ANALYZE`).run();
const repId = 'bench-rep';
sqlite
  .prepare(`INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, 'rep@example.com', 'Bench rep', 'rep', 'x', ?)`)
  .run(repId, new Date().toISOString());
const managerToken = (await stores.tokens.create(BENCH_ADMIN.id, 'bench')).token;
const repToken = (await stores.tokens.create(repId, 'bench')).token;
log(`${n.toLocaleString('en')} advocates (${consenting.toLocaleString('en')} consenting) written in ${((performance.now() - t) / 1000).toFixed(1)} s`);

// ── The HTTP server: the real advocate routes, plus the list as it was before paging ────────────────────
const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
app.setValidatorCompiler(validatorCompiler);
app.setSerializerCompiler(serializerCompiler);
registerErrorHandling(app);
await app.register(cookie);
await app.register(authPlugin, { stores });
await app.register(advocateRoutes, { ctx: { stores } as unknown as AppContext });
// The handler GET /api/advocates had until this change, with its response schema.
app.get('/bench/advocates-unpaged', { schema: { response: { 200: z.object({ items: z.array(Advocate) }) } } }, async (req) => {
  const { role } = requireUser(req);
  return { items: (await stores.advocates.all()).filter((a) => mayViewAdvocate(role, a.consent)) };
});
const base = await app.listen({ port: 0, host: '127.0.0.1' });

async function call(url: string, token: string): Promise<{ ms: number; bytes: number; body: { total?: number; items: unknown[] } }> {
  const t0 = performance.now();
  const res = await fetch(base + url, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${text.slice(0, 300)}`);
  return { ms, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: { label: string; ms: number; bytes: number; items: number; total: number | null }[] = [];
async function measure(label: string, url: string, token = managerToken, times = runs) {
  await call(url, token);
  const samples: number[] = [];
  let last!: Awaited<ReturnType<typeof call>>;
  for (let i = 0; i < times; i++) {
    last = await call(url, token);
    samples.push(last.ms);
  }
  rows.push({ label, ms: median(samples), bytes: last.bytes, items: last.body.items.length, total: last.body.total ?? null });
  log(`  ${label}: ${median(samples).toFixed(1)} ms`);
}

// A word many advocates share (an industry), a person's two names (few), and the middle of the list.
const common = sample[0].industry.toLowerCase().split(/[\s()]+/).find((w) => w.length > 3) ?? sample[0].industry;
const rare = sample[Math.floor(sample.length / 2)].name;
const mid = Math.floor(n / 2);
// Most recently updated first: position k is advocate n-1-k; the page at offset `mid` starts after k = mid-1.
const deep = (await stores.advocates.getMany([benchIdOf(n - mid)])).get(benchIdOf(n - mid))!;
const deepCursor = encodeCursor('advocates', { direction: 'after', key: [deep.updatedAt, deep.id] });
function benchIdOf(i: number) {
  return `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
}

log('GET /api/advocates');
await measure('unpaged (before): every advocate, full profiles — manager', '/bench/advocates-unpaged', managerToken, Math.min(runs, 5));
await measure('unpaged (before) — rep', '/bench/advocates-unpaged', repToken, Math.min(runs, 5));
await measure('first page (50) — manager', '/api/advocates');
await measure('first page (50) — rep', '/api/advocates', repToken);
await measure(`filtered, common word (q=${common}) — rep`, `/api/advocates?q=${encodeURIComponent(common)}`, repToken);
await measure(`filtered, a person (q=${rare}) — rep`, `/api/advocates?q=${encodeURIComponent(rare)}`, repToken);
await measure('filtered, no match (q=zzzz) — manager', '/api/advocates?q=zzzz');
await measure('filtered, consent=not_granted — manager', '/api/advocates?consent=not_granted');
await measure(`deep page (offset ${mid.toLocaleString('en')}, cursor) — manager`, `/api/advocates?cursor=${deepCursor}`);
await measure(`deep page (cursor) — rep`, `/api/advocates?cursor=${deepCursor}`, repToken);
await measure('first page (200) — manager', '/api/advocates?limit=200');

// The deep page's rows by SQL alone: keyset (what the API does) against OFFSET (what it does not).
const sqlRuns = (sqlText: string, params: unknown[]) => {
  const stmt = sqlite.prepare(sqlText);
  stmt.all(...params);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    stmt.all(...params);
    samples.push(performance.now() - t0);
  }
  return median(samples);
};
const cols = `a.id, a.version, a.status, a.profile_json, a.created_at, a.updated_at, c.state FROM advocates a LEFT JOIN advocate_consent c ON c.advocate_id = a.id WHERE a.status <> 'erased'`;
const keysetMs = sqlRuns(`SELECT ${cols} AND (a.updated_at, a.id) < (?, ?) ORDER BY a.updated_at DESC, a.id DESC LIMIT 51`, [deep.updatedAt, deep.id]);
const offsetMs = sqlRuns(`SELECT ${cols} ORDER BY a.updated_at DESC, a.id DESC LIMIT 50 OFFSET ?`, [mid]);
const lastOffsetMs = sqlRuns(`SELECT ${cols} ORDER BY a.updated_at DESC, a.id DESC LIMIT 50 OFFSET ?`, [n - 50]);

await app.close();
await records.close();
fs.rmSync(dir, { recursive: true, force: true });

const fmtBytes = (b: number) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : `${(b / 1e3).toFixed(1)} KB`);
log(`\n${n.toLocaleString('en')} advocates, SQLite, median of ${runs} (unpaged: of ${Math.min(runs, 5)}), load average ${os.loadavg()[0].toFixed(1)}\n`);
log('| GET /api/advocates | ms | body | rows | total |');
log('|---|---|---|---|---|');
for (const r of rows) log(`| ${r.label} | ${r.ms.toFixed(1)} | ${fmtBytes(r.bytes)} | ${r.items.toLocaleString('en')} | ${r.total?.toLocaleString('en') ?? '–'} |`);
log(`\nSQL of the page at offset ${mid.toLocaleString('en')}: keyset ${keysetMs.toFixed(2)} ms, OFFSET ${offsetMs.toFixed(2)} ms; the last page by OFFSET ${lastOffsetMs.toFixed(2)} ms`);
