/**
 * `npm run bench` — what drafting and the authenticity checks cost on a 20 KB interview, per stage.
 * Prints a table (median / p95 / fastest of N warm runs). Timings belong here, never in tests.
 */
import { alignEvidence, checkDraft } from '../server/domain/grounding.js';
import { normaliseNotes } from '../server/domain/transcript.js';
import { extractProfile } from '../server/llm/extractive/index.js';
import { FIXTURE_PRODUCTS, loadInterviewFixtures } from '../test/fixtures/interviews/index.js';

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 30);

function measure(fn: () => void): { median: number; p95: number; fastest: number } {
  fn(); // warm up (JIT, lazy tables)
  const times = Array.from({ length: RUNS }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return { median: times[Math.floor(RUNS / 2)], p95: times[Math.floor(RUNS * 0.95)], fastest: times[0] };
}

const fixtures = loadInterviewFixtures();
let raw = '';
for (let i = 0; raw.length < 20_000; i++) raw += `${fixtures[i % fixtures.length].raw}\n\n`;
const { text } = normaliseNotes(raw);
const { profile } = extractProfile(text, { products: FIXTURE_PRODUCTS });
const evidence = alignEvidence(text, profile);

const rows: [string, ReturnType<typeof measure>][] = [
  ['normalise notes', measure(() => normaliseNotes(raw))],
  ['extractive draft', measure(() => extractProfile(text, { products: FIXTURE_PRODUCTS }))],
  ['align evidence', measure(() => alignEvidence(text, profile))],
  ['checks (quotes, numbers, entities)', measure(() => checkDraft(text, profile, evidence))],
  ['align + checks (per draft overhead)', measure(() => checkDraft(text, profile, alignEvidence(text, profile)))],
];

console.log(`\nDrafting cost on a ${(text.length / 1000).toFixed(1)} KB interview (${RUNS} warm runs, ${profile.quotes.length} quotes, ${profile.outcomes.length} outcomes)\n`);
console.log('stage'.padEnd(38) + 'median ms'.padStart(11) + 'p95 ms'.padStart(9) + 'fastest ms'.padStart(12));
for (const [name, r] of rows) {
  console.log(name.padEnd(38) + r.median.toFixed(2).padStart(11) + r.p95.toFixed(2).padStart(9) + r.fastest.toFixed(2).padStart(12));
}
