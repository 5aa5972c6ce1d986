// `npm test`: builds the UI (the browser test needs it), runs every vitest project, and ends with one plain
// line "N passed, N failed" that CI reads. Extra arguments go to vitest (e.g. `npm test -- --project unit`).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const env = { ...process.env, LANCEDB_LOG: process.env.LANCEDB_LOG ?? 'error' };

// svelte-kit sync first: tsconfig.json extends the generated .svelte-kit/tsconfig.json.
spawnSync('npx', ['svelte-kit', 'sync'], { cwd: root, stdio: 'inherit', env });
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env });
if (build.status !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-test-')), 'report.json');
const run = spawnSync(
  'npx',
  ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  { cwd: root, stdio: 'inherit', env },
);

let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const r = JSON.parse(fs.readFileSync(report, 'utf8'));
  passed = r.numPassedTests;
  failed = r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  // A suite that failed to load has no tests counted: count it as a failure.
  for (const suite of r.testResults ?? []) if (suite.status === 'failed' && suite.assertionResults.length === 0) failed += 1;
} catch {
  failed = Math.max(failed, 1);
}
if (run.status !== 0 && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || run.status !== 0 ? 1 : 0);
