import { describe, expect, it } from 'vitest';
import { emptyProfile, type ProfileFields } from '../../server/domain/profile.js';
import { parseProfileCase } from '../../evals/dataset/profiles.js';
import { alignTarget } from '../../evals/gate/align.js';
import { evaluateGate, failedMetrics } from '../../evals/gate/compare.js';
import { judgeRun } from '../../evals/gate/verdict.js';
import type { GateRules } from '../../evals/lib/config.js';
import { aggregate } from '../../evals/runner/aggregate.js';
import { ndcgAtK, recallAtK } from '../../evals/runner/ranking.js';
import { scoreCase, type UnscoredSample } from '../../evals/runner/score-case.js';
import { stabilityOf } from '../../evals/runner/stability.js';
import { SCORER_NAMES } from '../../evals/scorers/index.js';
import type { RunTarget } from '../../evals/store/run-file.js';

const RULES: GateRules = {
  fieldF1: { tolerance: 0.02 },
  quoteFaithfulness: { tolerance: 0.02, min: 0.9 },
  unsupportedNumberRate: { tolerance: 0.02, max: 0.1 },
  schemaValidity: { tolerance: 0 },
};

describe('evaluateGate', () => {
  it('passes changes within tolerance, in either direction', () => {
    const base = { fieldF1: 0.8, quoteFaithfulness: 1, unsupportedNumberRate: 0.05, schemaValidity: 1 };
    expect(evaluateGate('t', RULES, { fieldF1: 0.785, quoteFaithfulness: 0.985, unsupportedNumberRate: 0.07, schemaValidity: 1 }, base)).toEqual([]);
    expect(evaluateGate('t', RULES, { fieldF1: 0.95, quoteFaithfulness: 1, unsupportedNumberRate: 0, schemaValidity: 1 }, base)).toEqual([]);
  });

  it('fails a metric that got worse beyond tolerance, knowing which way is worse', () => {
    const base = { fieldF1: 0.8, quoteFaithfulness: 1, unsupportedNumberRate: 0.0, schemaValidity: 1 };
    const findings = evaluateGate('ollama:llama3.2', RULES, { fieldF1: 0.7, quoteFaithfulness: 1, unsupportedNumberRate: 0.05, schemaValidity: 0.96 }, base);
    expect(findings.map((f) => [f.metric, f.kind])).toEqual([
      ['fieldF1', 'regression'],
      ['unsupportedNumberRate', 'regression'],
      ['schemaValidity', 'regression'],
    ]);
    expect(findings[0].message).toBe('ollama:llama3.2 fieldF1: 0.700 vs baseline 0.800: worse by 0.100 (tolerance 0.02)');
  });

  it('checks min/max with or without a baseline, and ignores float noise at tolerance 0', () => {
    const findings = evaluateGate('t', RULES, { quoteFaithfulness: 0.5, unsupportedNumberRate: 0.3, fieldF1: 0.5, schemaValidity: 1 }, null);
    expect(findings.map((f) => `${f.metric}:${f.kind}`)).toEqual(['quoteFaithfulness:below-min', 'unsupportedNumberRate:above-max']);
    expect(evaluateGate('t', { schemaValidity: { tolerance: 0 } }, { schemaValidity: 0.1 + 0.2 }, { schemaValidity: 0.3 })).toEqual([]);
  });

  it('fails a metric the baseline measured but this run did not, and skips one measured by neither', () => {
    const findings = evaluateGate('t', RULES, { fieldF1: 0.8, quoteFaithfulness: null, schemaValidity: 1 }, { fieldF1: 0.8, quoteFaithfulness: 1, schemaValidity: 1 });
    expect(findings).toMatchObject([{ metric: 'quoteFaithfulness', kind: 'not-measured' }]);
    expect(evaluateGate('t', { stability: { tolerance: 0.05 } }, { stability: null }, { stability: null })).toEqual([]);
    expect(failedMetrics([...findings, ...findings])).toEqual(['quoteFaithfulness']);
  });
});

// ---- Scored fixtures: two cases, outputs fixed ----

const caseA = parseProfileCase(
  {
    id: 'a',
    description: 'a',
    notes: 'Ana Silva, CTO at Rio Labs. She said: "Setup took one afternoon." Downtime fell 30%.',
    gold: { name: 'Ana Silva', company: 'Rio Labs', quotes: ['Setup took one afternoon.'], outcomes: ['Downtime fell 30%'] },
  },
  'a',
);
const caseB = parseProfileCase(
  { id: 'b', description: 'b', notes: 'Ben Okoro runs IT at Lagos Freight. "We sleep at night now."', gold: { name: 'Ben Okoro', quotes: ['We sleep at night now.'] } },
  'b',
);
const OPTIONS = { passF1: 0.5, latencyBudgetMs: 10_000, maxCompletionTokens: null };
const profile = (p: Partial<ProfileFields>): UnscoredSample => ({ repeat: 0, output: { ...emptyProfile(), ...p }, latencyMs: 100, cached: false });
const goodA = profile({ name: 'Ana Silva', company: 'Rio Labs', quotes: ['Setup took one afternoon.'], outcomes: ['Downtime fell 30%'] });
const goodB = profile({ name: 'Ben Okoro', quotes: ['We sleep at night now.'] });
const junkA = profile({ name: 'John Smith', company: 'Acme', quotes: ['Best product ever.'], outcomes: ['Revenue up 300%'] });

function target(label: string, samples: [UnscoredSample[], UnscoredSample[]]): RunTarget {
  const cases = [scoreCase(caseA, samples[0], SCORER_NAMES, OPTIONS), scoreCase(caseB, samples[1], SCORER_NAMES, OPTIONS)];
  const { metrics, fields } = aggregate(cases);
  return { label, provider: 'replay', model: label, modelDigest: null, prompt: null, metrics, fields, cases };
}

describe('aggregate', () => {
  it('micro-averages quotes and numeric claims over every sample', () => {
    const t = target('mixed', [[goodA, junkA], [goodB, goodB]]);
    // 4 quotes drafted, 3 verbatim; 2 numeric claims, 1 unsupported.
    expect(t.metrics.quoteFaithfulness).toBeCloseTo(3 / 4);
    expect(t.metrics.unsupportedNumberRate).toBeCloseTo(1 / 2);
    expect(t.metrics.schemaValidity).toBe(1);
    expect(t.metrics.casePassRate).toBeCloseTo(3 / 4);
    expect(t.metrics.latencyMsP50).toBe(100);
    expect(t.metrics.completionTokensMean).toBeNull();
    expect(t.fields.name).toEqual({ precision: 0.75, recall: 0.75, f1: 0.75 });
    expect(t.fields.title).toBeNull();
  });

  it('reports stability only with repeats: 1 for identical outputs, lower when fields differ, 0 against a failure', () => {
    expect(stabilityOf([goodA.output])).toBeNull();
    expect(stabilityOf([goodA.output, { ...(goodA.output as object), name: 'ANA SILVA' }])).toBe(1);
    expect(stabilityOf([goodA.output, { ...(goodA.output as object), quotes: ['SETUP TOOK ONE AFTERNOON.'] }])).toBeCloseTo(11 / 12);
    expect(stabilityOf([goodA.output, junkA.output])).toBeCloseTo(8 / 12);
    expect(stabilityOf([goodA.output, null])).toBe(0);
    expect(target('t', [[goodA, junkA], [goodB, goodB]]).metrics.stability).toBeCloseTo((8 / 12 + 1) / 2);
  });
});

describe('comparing with a baseline', () => {
  it('re-scores the baseline outputs with today\'s gold and compares on the cases both share', () => {
    const baseline = target('extractive', [[goodA], [goodB]]);
    // The baseline's stored scores are stale (say a scorer changed): alignTarget must not trust them.
    baseline.cases[0].samples[0].scores.quoteFaithfulness = { pass: false, score: 0, reason: 'stale', details: { quotes: 9, found: 0 } };
    const current = target('ollama:m', [[junkA], [goodB]]);
    const aligned = alignTarget(current, baseline, [caseA, caseB], SCORER_NAMES, OPTIONS);
    expect(aligned.compared).toBe(2);
    expect(aligned.baseline.metrics.quoteFaithfulness).toBe(1);
    expect(aligned.current.metrics.quoteFaithfulness).toBeCloseTo(1 / 2);
    expect(aligned.worsened.map((d) => d.id)).toEqual(['a']);
    expect(aligned.worsened[0].failing.join(' ')).toContain('quoteFaithfulness');
  });

  it('leaves out cases whose notes changed or that only one side has', () => {
    const baseline = target('extractive', [[goodA], [goodB]]);
    baseline.cases[1].inputSha = 'notes-were-different';
    baseline.cases.push({ ...baseline.cases[0], id: 'gone' });
    const aligned = alignTarget(target('x', [[goodA], [goodB]]), baseline, [caseA, caseB], SCORER_NAMES, OPTIONS);
    expect(aligned).toMatchObject({ compared: 1, changed: ['b'], onlyInBaseline: ['gone'], onlyInRun: [] });
  });

  it('judges every target and names each regressed metric', () => {
    const baseline = target('extractive', [[goodA], [goodB]]);
    const run = {
      format: 'vouch-eval-run@1' as const,
      id: 'base',
      createdAt: '',
      git: { revision: null, dirty: null },
      options: {},
      config: {},
      datasets: { profiles: { path: 'p', sha256: 's', size: 2 }, matching: null },
      targets: [baseline],
      matching: null,
      gate: null,
    };
    const verdict = judgeRun({
      targets: [target('ollama:good', [[goodA], [goodB]]), target('ollama:junk', [[junkA], [goodB]])],
      matching: null,
      baseline: { file: 'evals/baselines/extractive.json', run, pairs: new Map([['ollama:good', baseline], ['ollama:junk', baseline]]) },
      cases: [caseA, caseB],
      queries: [],
      config: { gate: RULES, scorers: SCORER_NAMES, scorerOptions: OPTIONS },
    });
    expect(verdict.passed).toBe(false);
    expect(new Set(verdict.findings.map((f) => f.target))).toEqual(new Set(['ollama:junk']));
    expect(failedMetrics(verdict.findings)).toEqual(['fieldF1', 'quoteFaithfulness', 'unsupportedNumberRate']);
  });
});

describe('ranking metrics', () => {
  const grades = { a: 3, b: 2, c: 1 };
  it('nDCG@5 is 1 for the ideal order and lower when the best is ranked low', () => {
    expect(ndcgAtK(['a', 'b', 'c', 'x', 'y'], grades, 5)).toBeCloseTo(1);
    expect(ndcgAtK(['x', 'c', 'b', 'a'], grades, 5)).toBeCloseTo(
      (1 / Math.log2(3) + 3 / Math.log2(4) + 7 / Math.log2(5)) / (7 + 3 / Math.log2(3) + 1 / Math.log2(4)),
    );
    expect(ndcgAtK([], grades, 5)).toBe(0);
  });
  it('recall@5 counts relevant ids in the top 5', () => {
    expect(recallAtK(['x', 'y', 'z', 'w', 'v', 'a'], grades, 5)).toBe(0);
    expect(recallAtK(['c', 'x', 'a'], grades, 5)).toBeCloseTo(2 / 3);
  });
});
