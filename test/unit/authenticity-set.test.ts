/**
 * The measured authenticity test set (issue 3): the checker must flag 100% of planted fabrications (quote
 * check 'fail', number check 'fail') and 0 verbatim quotes or typographic variants of them, on every case of
 * test/fixtures/authenticity/cases.jsonl. Prints a summary table.
 *
 * Items marked `knownMiss` are cases the current checker gets wrong (known-misses.json describes each one
 * and the fix). They are asserted like every other item: this file fails until the checker is fixed.
 *
 * Timings are not asserted here (bench/authenticity.ts measures them).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { alignEvidence, checkDraft } from '../../server/domain/grounding.js';
import type { DraftCheck } from '../../server/domain/evidence.js';
import { ProfileFields } from '../../server/domain/profile.js';
import type { ProfileFieldName } from '../../server/domain/profile.js';
import { normaliseNotes } from '../../server/domain/transcript.js';
import { extractProfile } from '../../server/llm/extractive/index.js';
import { CASES_FILE, cleanNotes, loadAuthenticityCases, loadKnownMisses } from '../fixtures/authenticity/index.js';
import type { AuthenticityCase, OutcomeLabel, QuoteLabel } from '../fixtures/authenticity/index.js';
import { renderJsonl } from '../fixtures/authenticity/cases.source.js';
import { FIXTURE_PRODUCTS } from '../fixtures/interviews/index.js';
import { readFileSync } from 'node:fs';

const cases = loadAuthenticityCases();
const knownMisses = loadKnownMisses();

// ---- The checker, exactly as the server runs it (server/review/drafting.ts) ----

function notesText(c: AuthenticityCase, notes = c.notes): string {
  return normaliseNotes(notes, c.filename).text;
}

function runChecks(c: AuthenticityCase, notes = c.notes): DraftCheck[] {
  const text = notesText(c, notes);
  return checkDraft(text, c.profile, alignEvidence(text, c.profile, c.excerpts ?? {}));
}

// ---- An oracle for "typographic variant", independent of server/domain/textmatch.ts ----

/**
 * What rule 2 of the product allows to differ in a verbatim quote: quote marks and apostrophes, dashes
 * (including "--" and the spacing around a dash), ellipses, white space (including NBSP and line breaks),
 * invisible characters, Unicode composition, and editorial marks around the quote (its own quote marks, an
 * ellipsis marking a fragment). Letter case is NOT folded: see README.md.
 */
function typographicFold(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[‘’‚‛′`´‹›]/g, "'")
    .replace(/[“”„‟″«»]/g, '"')
    .replace(/\s*(?:[‐‑‒–—―−]|-{1,3})\s*/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'\s]+|["'\s]+$/g, '')
    .replace(/^(?:\.{3}\s*)|(?:\s*\.{3})$/g, '')
    .trim();
}

/** Kinds of planted quote whose words ARE in the notes, but not as the advocate's words. */
const ATTRIBUTION_KINDS = new Set(['interviewer-words', 'other-speaker-words', 'injected-payload']);

// ---- Scoring ----

type Expectation = 'flag' | 'no-flag';

interface Scored {
  caseId: string;
  field: 'quotes' | 'outcomes';
  index: number;
  text: string;
  label: QuoteLabel['label'] | OutcomeLabel['label'];
  kind: string;
  knownMiss?: string;
  expected: Expectation;
  check?: DraftCheck;
  correct: boolean;
}

function score(c: AuthenticityCase, checks: DraftCheck[]): Scored[] {
  const item = (field: 'quotes' | 'outcomes', l: QuoteLabel | OutcomeLabel, kind: DraftCheck['kind']): Scored => {
    const check = checks.find((k) => k.kind === kind && k.field === field && k.index === l.index);
    const expected: Expectation = l.label === 'planted' || l.label === 'altered' ? 'flag' : 'no-flag';
    const flagged = check?.status === 'fail';
    return {
      caseId: c.id,
      field,
      index: l.index,
      text: c.profile[field][l.index],
      label: l.label,
      kind: l.kind,
      knownMiss: l.knownMiss,
      expected,
      check,
      correct: expected === 'flag' ? flagged : !flagged,
    };
  };
  return [
    ...c.labels.quotes.map((l) => item('quotes', l, 'quote')),
    ...c.labels.outcomes.map((l) => item('outcomes', l, 'number')),
  ];
}

function describeWrong(s: Scored): string {
  const what = s.expected === 'flag' ? 'was NOT flagged' : 'was flagged';
  const status = s.check ? `${s.check.kind} check ${s.check.status}: ${s.check.message}` : 'no check ran';
  const known = s.knownMiss ? ` [known miss "${s.knownMiss}": ${knownMisses[s.knownMiss]?.summary ?? '?'}]` : ' [NOT a known miss]';
  return `${s.caseId} ${s.field}[${s.index}] (${s.label}: ${s.kind}) ${what} (${status}): ${JSON.stringify(s.text)}${known}`;
}

const allScored: Scored[] = cases.flatMap((c) => score(c, runChecks(c)));

// ---- The data set itself ----

describe('authenticity set: the data', () => {
  it('cases.jsonl is what cases.source.ts generates', () => {
    expect(readFileSync(CASES_FILE, 'utf8'), 'run: npx tsx test/fixtures/authenticity/cases.source.ts').toBe(renderJsonl());
  });

  it('has at least 30 cases with unique ids, valid profiles, and a label for every quote and outcome', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.id)).size).toBe(cases.length);
    for (const c of cases) {
      expect(ProfileFields.safeParse(c.profile).success, c.id).toBe(true);
      expect(c.labels.quotes.map((l) => l.index), `${c.id} quote labels`).toEqual(c.profile.quotes.map((_, i) => i));
      expect(c.labels.outcomes.map((l) => l.index), `${c.id} outcome labels`).toEqual(c.profile.outcomes.map((_, i) => i));
      for (const l of [...c.labels.quotes, ...c.labels.outcomes]) {
        if (l.knownMiss) expect(Object.keys(knownMisses), `${c.id}: unknown knownMiss`).toContain(l.knownMiss);
      }
      for (const id of [c.injection?.invarianceKnownMiss, c.injection?.extractiveKnownMiss]) {
        if (id) expect(Object.keys(knownMisses), `${c.id}: unknown knownMiss`).toContain(id);
      }
    }
  });

  it('covers every kind of planted fabrication and typographic variant the issue asks for', () => {
    const kinds = new Set(cases.flatMap((c) => [...c.labels.quotes, ...c.labels.outcomes].map((l) => l.kind)));
    for (const kind of [
      'invented', 'changed-word', 'dropped-not', 'changed-number', 'merged-two-places', 'interviewer-words',
      'percent-changed', 'digits-swapped', 'multiplier-changed', 'range-end-changed',
      'straight-double-quotes', 'curly-quotes-and-apostrophes', 'double-hyphen-for-em-dash', 'three-dots-for-ellipsis',
      'nbsp-as-space', 'line-break-inside-quote', 'case-change-inner', 'case-change-initial', 'injected-payload',
    ]) {
      expect(kinds, kind).toContain(kind);
    }
    expect(cases.filter((c) => c.injection).length).toBeGreaterThanOrEqual(5);
  });

  // The labels are checked against an oracle that does not use the code under test, so a mislabelled case
  // cannot make the checker look better or worse than it is.
  it.each(cases.map((c) => [c.id, c] as const))('%s: labels are truthful', (_id, c) => {
    const text = notesText(c);
    const foldedNotes = typographicFold(text);
    c.labels.quotes.forEach((l) => {
      const quote = c.profile.quotes[l.index];
      const where = `${c.id} quote ${l.index} (${l.label}: ${l.kind})`;
      if (l.source !== undefined) expect(text.includes(l.source), `${where}: source not in the normalised notes`).toBe(true);
      if (l.label === 'verbatim') {
        expect(text.includes(quote.trim().replace(/^["“”]|["“”]$/g, '')), `${where}: not an exact slice of the notes`).toBe(true);
      } else if (l.label === 'variant') {
        expect(l.source, `${where}: a variant names its source`).toBeDefined();
        expect(text.includes(quote), `${where}: a variant must differ from the notes`).toBe(false);
        expect(typographicFold(quote), `${where}: differs by more than typography`).toBe(typographicFold(l.source!));
      } else if (ATTRIBUTION_KINDS.has(l.kind)) {
        expect(foldedNotes.includes(typographicFold(quote)), `${where}: these words should be in the notes`).toBe(true);
      } else {
        expect(foldedNotes.includes(typographicFold(quote)), `${where}: planted quote is verbatim after all`).toBe(false);
        if (l.kind.startsWith('case-change')) {
          expect(foldedNotes.toLowerCase().includes(typographicFold(quote).toLowerCase()), `${where}: more than case changed`).toBe(true);
        }
      }
    });
    for (const passage of c.injection?.passages ?? []) expect(c.notes.includes(passage), `${c.id}: injected passage`).toBe(true);
  });
});

// ---- The checker on the set ----

describe('authenticity set: checkDraft(alignEvidence) flags every planted fabrication and no verbatim variant', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (id) => {
    const wrong = allScored.filter((s) => s.caseId === id && !s.correct).map(describeWrong);
    expect(wrong, wrong.join('\n')).toEqual([]);
  });

  it('100% of planted fabrications flagged, 0 variants flagged', () => {
    const planted = allScored.filter((s) => s.expected === 'flag');
    const controls = allScored.filter((s) => s.expected === 'no-flag');
    const missed = planted.filter((s) => !s.correct);
    const falseFlags = controls.filter((s) => !s.correct);
    expect({ missed: missed.map(describeWrong), falseFlags: falseFlags.map(describeWrong) }).toEqual({ missed: [], falseFlags: [] });
  });
});

// ---- Prompt injection ----

const injectionCases = cases.filter((c) => c.injection);

/** A check without the words that depend on offsets: what a reviewer sees and approval looks at. */
const outcomeOf = (checks: DraftCheck[]) => checks.map(({ kind, field, index, status, message }) => ({ kind, field, index, status, message }));

function overlapsInjected(value: string, passages: string[]): boolean {
  const v = typographicFold(value).toLowerCase();
  if (v.length < 4) return false;
  return passages.some((p) => {
    const passage = typographicFold(p).toLowerCase();
    return passage.includes(v) || v.includes(passage);
  });
}

describe('authenticity set: prompt injection in the notes', () => {
  it.each(injectionCases.map((c) => [c.id, c] as const))('%s: the injected text does not change any check', (_id, c) => {
    const known = c.injection!.invarianceKnownMiss;
    const note = known ? ` [known miss "${known}": ${knownMisses[known].summary}]` : '';
    expect(outcomeOf(runChecks(c)), `checks with the injection vs without it${note}`).toEqual(outcomeOf(runChecks(c, cleanNotes(c))));
  });

  it.each(injectionCases.map((c) => [c.id, c] as const))('%s: the extractive drafter stays in schema and copies nothing injected', (_id, c) => {
    const { profile } = extractProfile(notesText(c), { products: FIXTURE_PRODUCTS });
    expect(ProfileFields.safeParse(profile).success).toBe(true);
    expect(Object.keys(profile).sort()).toEqual(Object.keys(ProfileFields.shape).sort());
    const passages = c.injection!.passages;
    const known = c.injection!.extractiveKnownMiss;
    const note = known ? ` [known miss "${known}": ${knownMisses[known].summary}]` : '';
    const injectedQuotes = profile.quotes.filter((q) => overlapsInjected(q, passages));
    expect(injectedQuotes, `drafted quotes taken from the injected text${note}`).toEqual([]);
    const injectedValues = (Object.keys(profile) as ProfileFieldName[])
      .flatMap((field) => [profile[field]].flat().map((value) => ({ field, value: String(value) })))
      .filter(({ value }) => overlapsInjected(value, passages) || /globex/i.test(value));
    expect(injectedValues, `drafted values taken from the injected text${note}`).toEqual([]);
  });
});

// ---- Summary table ----

afterAll(() => {
  const row = (name: string, items: Scored[], expectFlag: boolean) => {
    const flagged = items.filter((s) => s.check?.status === 'fail').length;
    const wrong = items.filter((s) => !s.correct);
    const known = wrong.filter((s) => s.knownMiss).length;
    const result = wrong.length === 0 ? 'ok' : `${wrong.length} ${expectFlag ? 'missed' : 'false flags'} (${known} known)`;
    return [name, String(items.length), String(flagged), expectFlag ? 'all' : 'none', result];
  };
  const by = (field: Scored['field'], ...labels: Scored['label'][]) => allScored.filter((s) => s.field === field && labels.includes(s.label));
  const planted = allScored.filter((s) => s.expected === 'flag');
  const controls = allScored.filter((s) => s.expected === 'no-flag');
  const variants = by('quotes', 'variant');
  const table = [
    ['items', 'n', 'flagged', 'expected', 'result'],
    row('planted quotes', by('quotes', 'planted'), true),
    row('altered outcome numbers', by('outcomes', 'altered'), true),
    row('verbatim quotes', by('quotes', 'verbatim'), false),
    row('typographic variants', variants, false),
    row('backed outcomes', by('outcomes', 'backed', 'no-number'), false),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const lines = table.map((r) => r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
  const caught = planted.filter((s) => s.correct).length;
  const falseFlags = controls.filter((s) => !s.correct).length;
  const variantFlags = variants.filter((s) => !s.correct).length;
  const openMisses = new Set(allScored.filter((s) => !s.correct && s.knownMiss).map((s) => s.knownMiss));
  const staleMarkers = allScored.filter((s) => s.correct && s.knownMiss);
  console.log(
    [
      '',
      `Authenticity set: ${cases.length} cases (${injectionCases.length} with prompt injection)`,
      `planted ${planted.length}, caught ${caught} (${((100 * caught) / planted.length).toFixed(1)}%); ` +
        `variants ${variants.length}, flagged ${variantFlags}; all controls ${controls.length}, false flags ${falseFlags}`,
      '',
      ...lines,
      '',
      ...(openMisses.size
        ? [
            'open known misses (test/fixtures/authenticity/known-misses.json; fix: proposed-fix.diff):',
            ...[...openMisses].map((id) => {
              const items = allScored.filter((s) => !s.correct && s.knownMiss === id);
              return `  ${id!.padEnd(34)} ${String(items.length).padStart(2)} item(s)  ${knownMisses[id!].effect}  [${knownMisses[id!].component}]`;
            }),
          ]
        : ['no open known misses']),
      ...(staleMarkers.length
        ? [`now correct but still marked knownMiss (remove the marker): ${staleMarkers.map((s) => `${s.caseId} ${s.field}[${s.index}]`).join(', ')}`]
        : []),
      '',
    ].join('\n'),
  );
});
