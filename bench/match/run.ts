/**
 * The match benchmark (issue 4, "Measured"):
 *
 *   npx tsx bench/match/run.ts [--n 10000] [--json] [--batch 1024] [--sequential] [--queries 200] [--seed 42] [--fusion] [--skip-compare] [--keep]
 *
 * --json prints, as the last line of stdout, the tracked numbers as one JSON object. Progress goes to
 * stderr. --sequential embeds and writes one batch after the other (the match service overlaps them: it
 * embeds the next batch while the last one is written);
 * --fusion adds fusion diagnostics for the judged sets; --skip-compare skips the two comparison ingests
 * (through MatchService.reconcile(), and without the ANN index); --keep keeps the data directory.
 */
import { parseArgs } from 'node:util';

// LanceDB's Rust core reads LANCEDB_LOG when it loads (see server/main.ts), so set it before importing it.
process.env.LANCEDB_LOG ??= 'error';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10000' },
    json: { type: 'boolean', default: false },
    batch: { type: 'string', default: '1024' },
    sequential: { type: 'boolean', default: false },
    queries: { type: 'string', default: '200' },
    seed: { type: 'string', default: '42' },
    fusion: { type: 'boolean', default: false },
    'skip-compare': { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const int = (name: string, value: string, min: number) => {
  const x = Number(value.replace(/[_,]/g, ''));
  if (!Number.isInteger(x) || x < min) {
    console.error(`--${name} must be an integer ≥ ${min} (got ${value})`);
    process.exit(2);
  }
  return x;
};

const { runSuite } = await import('./suite.js');
const { formatTables, trackedJson } = await import('./report.js');
const t0 = performance.now();
const result = await runSuite({
  n: int('n', values.n, 1),
  seed: int('seed', values.seed, 0),
  batch: int('batch', values.batch, 1),
  pipeline: !values.sequential,
  queries: int('queries', values.queries, 1),
  fusion: values.fusion,
  compare: !values['skip-compare'],
  keep: values.keep,
  progress: (message) => console.error(`[bench:match ${((performance.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${message}`),
});
console.log(formatTables(result));
if (values.json) console.log(trackedJson(result));
