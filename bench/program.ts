/**
 * `npm run bench:program -- --n 10000`: what /program costs at N advocates. Generated advocates (the match
 * benchmark's generator, all consenting, one approved version each, a third of them approved long ago) go
 * straight into a temp SQLite system of record; then the program's services run as the routes call them:
 * coverage (20 targets), the stale list, the value report over 2,000 completed engagements, and duplicate
 * candidates for 50 open nominations. Prints the median of 5 runs per call, in ms.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createEventBus } from '../server/events.js';
import { createProgram } from '../server/program/index.js';
import { BENCH_ADMIN, openRecords } from './match/records.js';
import { generateAdvocates } from './match/generate.js';

const { values } = parseArgs({ options: { n: { type: 'string', default: '10000' } } });
const n = Number(values.n);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-bench-program-'));
const records = await openRecords(dir, { indexed: true });
const advocates = generateAdvocates(n);
for (let i = 0; i < advocates.length; i += 1000) await records.add(advocates.slice(i, i + 1000));
const { stores } = records;
const sqlite = stores.db.sqlite!;
const admin = { id: BENCH_ADMIN.id, email: BENCH_ADMIN.email, name: 'Bench admin', role: 'admin' as const, createdAt: '' };

// One approved version per advocate (the draft it came from is a stand-in), a third approved two years ago.
sqlite.prepare(`INSERT INTO interviews VALUES ('bench-i', 'notes', 'notes', 'notes', NULL, ?, ?)`).run(admin.id, new Date().toISOString());
sqlite
  .prepare(`INSERT INTO drafts (id, interview_id, status, provider, model, created_by, created_at, updated_at) VALUES ('bench-d', 'bench-i', 'approved', 'bench', 'bench', ?, ?, ?)`)
  .run(admin.id, new Date().toISOString(), new Date().toISOString());
const version = sqlite.prepare(`INSERT INTO advocate_versions (advocate_id, version, profile_json, draft_id, approved_by, approved_at, changes_json) VALUES (?, 1, '{}', 'bench-d', ?, ?, '[]')`);
const old = new Date(Date.now() - 730 * 86_400_000).toISOString();
sqlite.transaction(() => advocates.forEach((a, i) => version.run(a.id, admin.id, i % 3 === 0 ? old : new Date().toISOString())))();

// 2,000 completed engagements over the last year, on 300 advocates and 600 prospects.
const request = sqlite.prepare(
  `INSERT INTO advocate_requests (id, advocate_id, kind, prospect_company, description, status, requested_by, created_at, updated_at, happened_at, completed_at, outcome_json)
   VALUES (?, ?, 'reference_call', ?, 'bench', 'completed', ?, ?, ?, ?, ?, ?)`,
);
sqlite.transaction(() => {
  for (let i = 0; i < 2000; i++) {
    const at = new Date(Date.now() - (i % 360) * 86_400_000).toISOString();
    const outcome = JSON.stringify({ result: ['won', 'lost', 'open'][i % 3], amount: 10_000 + (i % 50) * 1000, currency: i % 7 ? 'EUR' : 'USD' });
    request.run(`bench-r-${i}`, advocates[i % 300].id, `Prospect ${i % 600}`, admin.id, at, at, at, at, outcome);
  }
})();

const program = createProgram({ stores, bus: createEventBus(), burnout: { cap: 3, cooldownDays: 14, overcap: 'rank' }, staleDays: 180 });
const industries = [...new Set(advocates.map((a) => a.industry))].slice(0, 10);
const regions = [...new Set(advocates.map((a) => a.region))].slice(0, 10);
// Generated labels may fall on one segment ("Hospital", "Healthcare"): a duplicate target is skipped.
for (let i = 0; i < 20; i++) {
  await program.portfolio.createTarget(i < 10 ? { industry: industries[i], wanted: 50 } : { region: regions[i - 10], wanted: 50 }, admin).catch(() => undefined);
}
for (let i = 0; i < 50; i++) {
  const a = advocates[i * 7];
  await program.nominations.create({ name: `Nominee ${i}`, company: a.company, reason: 'Benchmark nomination reason.', relationship: 'Bench' }, admin);
}

async function time(label: string, fn: () => Promise<unknown>) {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    await fn();
    runs.push(performance.now() - t);
  }
  runs.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} ${runs[2].toFixed(1).padStart(8)} ms`);
}
console.log(`${n} advocates, 2,000 completed engagements, ${(await stores.portfolio.listTargets()).length} targets, 50 open nominations`);
await time('GET /api/program/coverage', () => program.portfolio.coverage());
await time('GET /api/program/stale', () => program.freshness.stale(100));
await time('GET /api/program/report (last four quarters)', () => program.value.report({}));
await time('GET /api/nominations?scope=all (candidates)', () => program.nominations.list({ scope: 'all', limit: 50 }, admin));
await time('match hint: last verified of 10 advocates', () => program.freshness.hintsFor(advocates.slice(0, 10).map((a) => a.id)));
await program.close();
await records.close();
fs.rmSync(dir, { recursive: true, force: true });
