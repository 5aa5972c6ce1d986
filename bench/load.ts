/**
 * Load on loopback (issue 6): autocannon against the real server, started as its own process on a data dir
 * seeded with N synthetic advocates (the bench:match generator and ingest path) and a review queue of drafts.
 *
 *   npm run bench:load -- [--n 10000] [--duration 60] [--connections 50] [--drafts 200] [--auth session|token] [--json]
 *
 * Two runs, one after the other: POST /api/match with varied prospect descriptions (as a rep), and
 * GET /api/drafts (the review queue, as a manager and a reviewer in turn). Prints throughput, p50/p99
 * latency and errors/non-2xx per endpoint, with the machine's load average before and after: other work
 * on a shared machine shows up in these numbers.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';

process.env.LANCEDB_LOG ??= 'error';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '50' },
    drafts: { type: 'string', default: '200' },
    auth: { type: 'string', default: 'session' },
    json: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const int = (name: string, min: number) => {
  const x = Number(String(values[name as keyof typeof values]).replace(/[_,]/g, ''));
  if (!Number.isInteger(x) || x < min) {
    console.error(`--${name} must be an integer ≥ ${min}`);
    process.exit(2);
  }
  return x;
};
const N = int('n', 1);
const DURATION = int('duration', 1);
const CONNECTIONS = int('connections', 1);
const DRAFTS = int('drafts', 0);
if (values.auth !== 'session' && values.auth !== 'token') {
  console.error('--auth must be session (cookie, as the UI) or token (Authorization: Bearer, as a script)');
  process.exit(2);
}

const { createLocalEmbedder } = await import('../server/llm/local/index.js');
const { ingest } = await import('./match/ingest.js');
const { generateQueries } = await import('./match/generate.js');
const { testVectorCacheDir } = await import('../test/support/vector-cache.js');
const { startServerProcess, stopServerProcess } = await import('./support/server-process.js');

// The ingest path writes the benchmark's admin with the records (a user exists, so VOUCH_ADMIN_* adds none).
const { BENCH_ADMIN: ADMIN } = await import('./match/records.js');
const log = (m: string) => console.error(`[bench:load] ${m}`);

async function seed(dataDir: string, cacheDir: string): Promise<void> {
  const embedder = await createLocalEmbedder({ cacheDir });
  const t = performance.now();
  const { index } = await ingest({ n: N, seed: 42, batch: 1024, pipeline: false, dataDir, embedder, progress: log });
  index.close();
  log(`seeded ${N} advocates in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

type Caller = { headers: Record<string, string> };

async function call(url: string, method: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 300)}`);
  return { json: text ? JSON.parse(text) : undefined, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] };
}

/** A signed-in caller as the UI is (session cookie + CSRF token) or as a script is (bearer token). */
async function signIn(base: string, email: string, password: string): Promise<Caller> {
  const login = await call(`${base}/api/session`, 'POST', { email, password });
  const session = { cookie: login.cookie, 'x-csrf-token': login.json.csrfToken as string };
  if (values.auth === 'session') return { headers: session };
  const token = await call(`${base}/api/tokens`, 'POST', { name: 'bench:load' }, session);
  return { headers: { authorization: `Bearer ${token.json.token}` } };
}

async function prepare(base: string) {
  const admin = await signIn(base, ADMIN.email, ADMIN.password);
  const callers: Record<string, Caller> = {};
  for (const role of ['manager', 'reviewer', 'rep']) {
    const email = `${role}@load.example.com`;
    await call(`${base}/api/users`, 'POST', { email, name: role, role, password: ADMIN.password }, admin.headers);
    callers[role] = await signIn(base, email, ADMIN.password);
  }
  // A review queue: DRAFTS pasted interviews, drafted by the embedded drafter.
  const notes = (i: number) =>
    `Interviewee: Dana Lee ${i}\nRole: Head of Operations\nCompany: Loadco ${i}\nLocation: Leeds, United Kingdom\n\n` +
    `Dana said: "We cut onboarding time by 40% in the first quarter." They use Lumen Scheduler every day.`;
  for (let i = 0; i < DRAFTS; i++) await call(`${base}/api/interviews`, 'POST', { notes: notes(i) }, callers.manager.headers);
  for (;;) {
    const list = await call(`${base}/api/drafts?status=drafting`, 'GET', undefined, callers.manager.headers);
    if (list.json.items.length === 0) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return callers;
}

type Row = { endpoint: string; reqPerSec: number; p50: number; p99: number; total: number; non2xx: number; errors: number; timeouts: number; statuses: Record<string, number> };

async function run(title: string, base: string, requests: autocannon.Request[]): Promise<Row> {
  log(`${title}: ${CONNECTIONS} connections for ${DURATION} s …`);
  const r = await autocannon({ url: base, connections: CONNECTIONS, duration: DURATION, requests, timeout: 30 });
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, s]) => [code, Number((s as { count: number | string }).count)]));
  return {
    endpoint: title,
    reqPerSec: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    statuses,
  };
}

function table(rows: Row[]): string {
  const head = ['endpoint', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'timeouts'];
  const body = rows.map((r) => [r.endpoint, r.reqPerSec.toFixed(1), String(r.p50), String(r.p99), String(r.total), String(r.non2xx), String(r.errors), String(r.timeouts)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

const rssMb = async (pid: number) => {
  const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : Number.NaN;
};

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'vouch-bench-load-'));
const cacheDir = testVectorCacheDir();
let server: ChildProcess | undefined;
try {
  await seed(dataDir, cacheDir);
  const started = await startServerProcess({ dataDir, cacheDir, admin: ADMIN });
  server = started.child;
  const base = started.url;
  const callers = await prepare(base);
  const queries = generateQueries(500, 7);
  // Warm-up: index files and caches, as a server that has been running a while.
  for (const query of queries.slice(0, 20)) await call(`${base}/api/match`, 'POST', { query }, callers.rep.headers);

  const loadBefore = os.loadavg();
  let q = 0;
  const match = await run('POST /api/match', base, [
    {
      method: 'POST',
      path: '/api/match',
      headers: { 'content-type': 'application/json', ...callers.rep.headers },
      setupRequest: (req) => ({ ...req, body: JSON.stringify({ query: queries[q++ % queries.length], limit: 10 }) }),
    },
  ]);
  const drafts = await run('GET /api/drafts', base, [
    { method: 'GET', path: '/api/drafts', headers: callers.manager.headers },
    { method: 'GET', path: '/api/drafts', headers: callers.reviewer.headers },
  ]);
  const loadAfter = os.loadavg();
  const rss = await rssMb(server.pid!);
  const rows = [match, drafts];

  const machine = `${os.cpus().length} vCPU (${os.cpus()[0]?.model ?? 'unknown'}), ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  console.log(`\nbench:load — ${N.toLocaleString('en')} advocates, ${DRAFTS} drafts in the queue, ${CONNECTIONS} connections, ${DURATION} s each, auth: ${values.auth}`);
  console.log(`machine: ${machine}; load average (1/5/15 min) before ${loadBefore.map((x) => x.toFixed(2)).join(' / ')}, after ${loadAfter.map((x) => x.toFixed(2)).join(' / ')}; server RSS ${rss} MB\n`);
  console.log(table(rows));
  for (const r of rows) if (r.non2xx > 0) console.log(`${r.endpoint}: status codes ${JSON.stringify(r.statuses)}`);
  if (values.json) console.log(JSON.stringify({ n: N, drafts: DRAFTS, connections: CONNECTIONS, duration: DURATION, auth: values.auth, loadBefore, loadAfter, rssMb: rss, rows }));
  process.exitCode = rows.some((r) => r.errors > 0 || r.non2xx > 0) ? 1 : 0;
} finally {
  if (server) await stopServerProcess(server);
  if (!values.keep) await rm(dataDir, { recursive: true, force: true });
  else log(`data kept in ${dataDir}`);
}
