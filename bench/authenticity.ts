/**
 * `npx tsx bench/authenticity.ts [--runs=N]` — what the authenticity checks (alignEvidence + checkDraft) cost.
 *
 * bench/drafting.ts already times them once per stage for the extractive draft of a 20 KB interview (a few
 * quotes and outcomes). This one measures what that does not:
 *  - the labelled test set (test/fixtures/authenticity): per-case cost and the whole set;
 *  - the worst drafts the schema allows on a 20 KB interview: 30 quotes + 30 outcomes, found / not found,
 *    and with a paraphrased excerpt per outcome (two fuzzy alignments per outcome), and every list field full.
 * Prints median / p95 / max of N warm runs against the 20 ms target. Timings belong here, never in tests.
 */
import { alignEvidence, checkDraft } from '../server/domain/grounding.js';
import type { Excerpts } from '../server/domain/grounding.js';
import { emptyProfile } from '../server/domain/profile.js';
import type { ProfileFields } from '../server/domain/profile.js';
import { normaliseNotes } from '../server/domain/transcript.js';
import { loadAuthenticityCases } from '../test/fixtures/authenticity/index.js';

const RUNS = Math.max(50, Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 60));
const TARGET_MS = 20;

interface Timing {
  median: number;
  p95: number;
  max: number;
}

function measure(fn: () => void, runs = RUNS): Timing {
  for (let i = 0; i < 3; i++) fn(); // warm up (JIT, lazy tables)
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    fn();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], p95: times[Math.min(runs - 1, Math.ceil(runs * 0.95) - 1)], max: times[runs - 1] };
}

const check = (text: string, profile: ProfileFields, excerpts: Excerpts = {}) => checkDraft(text, profile, alignEvidence(text, profile, excerpts));

// ---- The labelled set ----

const cases = loadAuthenticityCases().map((c) => ({ ...c, text: normaliseNotes(c.notes, c.filename).text }));
const perCase = cases.map((c) => ({ id: c.id, t: measure(() => check(c.text, c.profile, c.excerpts ?? {})) }));
const caseMedians = perCase.map((c) => c.t.median).sort((a, b) => a - b);
const slowest = perCase.reduce((a, b) => (b.t.median > a.t.median ? b : a));
const wholeSet = measure(() => {
  for (const c of cases) check(c.text, c.profile, c.excerpts ?? {});
});

// ---- A 20 KB interview and the largest drafts the schema allows ----

let text = '';
for (let i = 0; text.length < 20_000; i++) text += `${cases[i % cases.length].text}\n\n`;

const labelled = cases.flatMap((c) => [
  ...c.labels.quotes.map((l) => ({ field: 'quotes' as const, label: l.label, value: c.profile.quotes[l.index] })),
  ...c.labels.outcomes.map((l) => ({ field: 'outcomes' as const, label: l.label, value: c.profile.outcomes[l.index] })),
]);
const pick = (field: 'quotes' | 'outcomes', labels: string[]) =>
  labelled.filter((x) => x.field === field && labels.includes(x.label)).map((x) => x.value).slice(0, 30);

const draft = (fields: Partial<ProfileFields>): ProfileFields => ({ ...emptyProfile(), name: 'Ana Souza', company: 'Rota Norte Logística', ...fields });
const honest = draft({ quotes: pick('quotes', ['verbatim', 'variant']), outcomes: pick('outcomes', ['backed']) });
const fabricated = draft({ quotes: pick('quotes', ['planted']), outcomes: pick('outcomes', ['altered']) });
// Each outcome comes with an excerpt that is a paraphrase, so neither the value nor the excerpt is found
// exactly and both are aligned fuzzily over the whole interview.
const paraphrase = (s: string) => `Roughly speaking, ${s.toLowerCase()} according to the customer`;
const paraphrasedExcerpts: Excerpts = { outcomes: fabricated.outcomes.map(paraphrase), quotes: fabricated.quotes.map(paraphrase) };
const everyListFull = draft({
  ...fabricated,
  languages: Array.from({ length: 10 }, (_, i) => `Language ${i}`),
  products: Array.from({ length: 30 }, (_, i) => `Product line number ${i}`),
  useCases: pick('outcomes', ['altered', 'backed']).map(paraphrase).concat(pick('outcomes', ['backed'])).slice(0, 30),
  title: 'Chief Operating Officer', industry: 'Third-party logistics', region: 'Brazil', companySize: 'about 1,900 people',
  activities: ['reference_call', 'case_study', 'event_speaker', 'peer_review', 'press', 'advisory_board'],
});

const rows: [string, Timing][] = [
  [`20 KB: ${honest.quotes.length} real quotes + ${honest.outcomes.length} backed outcomes`, measure(() => check(text, honest))],
  [`20 KB: ${fabricated.quotes.length} fabricated quotes + ${fabricated.outcomes.length} altered outcomes`, measure(() => check(text, fabricated))],
  ['20 KB: same, every item with a paraphrased excerpt', measure(() => check(text, fabricated, paraphrasedExcerpts))],
  ['20 KB: every list field full (worst case)', measure(() => check(text, everyListFull, paraphrasedExcerpts))],
];

// ---- Report ----

const ms = (n: number) => n.toFixed(2);
const verdict = (t: Timing) => (t.p95 <= TARGET_MS ? 'ok' : 'OVER');
console.log(`\nAuthenticity checks (alignEvidence + checkDraft), ${RUNS} warm runs each, target <= ${TARGET_MS} ms\n`);
console.log('scenario'.padEnd(58) + 'median ms'.padStart(11) + 'p95 ms'.padStart(9) + 'max ms'.padStart(9) + 'target'.padStart(8));
for (const [name, t] of rows) {
  console.log(name.padEnd(58) + ms(t.median).padStart(11) + ms(t.p95).padStart(9) + ms(t.max).padStart(9) + verdict(t).padStart(8));
}
console.log(`\n(20 KB interview = ${(text.length / 1000).toFixed(1)} KB of the test set's notes, concatenated)`);
console.log(
  `\nTest set: ${cases.length} cases, ${(cases.reduce((n, c) => n + c.text.length, 0) / 1000).toFixed(1)} KB of notes, ` +
    `${labelled.length} labelled items. Per case: median ${ms(caseMedians[Math.floor(caseMedians.length / 2)])} ms, ` +
    `slowest ${ms(slowest.t.median)} ms (${slowest.id}). Whole set: median ${ms(wholeSet.median)} ms, p95 ${ms(wholeSet.p95)} ms ` +
    `(${Math.round((1000 * cases.length) / wholeSet.median)} cases/s).\n`,
);
