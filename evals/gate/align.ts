import type { ProfileCase } from '../dataset/profiles.js';
import type { MatchingQuery } from '../dataset/matching.js';
import { UsageError } from '../lib/errors.js';
import type { MetricValues } from '../lib/metrics.js';
import { aggregate, type Aggregate } from '../runner/aggregate.js';
import { matchingMetrics, scoreQueries } from '../runner/ranking.js';
import { scoreCase } from '../runner/score-case.js';
import type { ScorerName, ScorerOptions } from '../scorers/index.js';
import type { RunCase, RunFile, RunMatching, RunTarget } from '../store/run-file.js';

/**
 * A run and its baseline are compared on the cases both have with the same notes. The baseline's stored
 * outputs are re-scored with today's scorers and gold, so fixing a gold fact or a scorer never looks like a
 * regression (or hides one); only what the drafter wrote is taken from the baseline.
 */
export interface CaseDelta {
  id: string;
  before: number;
  after: number;
  /** Reasons of the scorers that fail now. */
  failing: string[];
}

export interface TargetAlignment {
  target: string;
  baselineTarget: string;
  compared: number;
  onlyInRun: string[];
  onlyInBaseline: string[];
  /** Same id, different notes: not compared. */
  changed: string[];
  current: Aggregate;
  baseline: Aggregate;
  worsened: CaseDelta[];
  improved: CaseDelta[];
}

/** Which baseline target each run target is compared with: the same label, else the baseline's only target. */
export function pairTargets(labels: string[], baseline: RunFile): Map<string, RunTarget> {
  const pairs = new Map<string, RunTarget>();
  for (const label of labels) {
    const same = baseline.targets.find((t) => t.label === label);
    const only = baseline.targets.length === 1 ? baseline.targets[0] : undefined;
    const chosen = same ?? only;
    if (!chosen) {
      throw new UsageError(`the baseline has no target ${label} and several others (${baseline.targets.map((t) => t.label).join(', ')}): pick a baseline with one target`);
    }
    pairs.set(label, chosen);
  }
  return pairs;
}

/** A case's mean fieldMatch score, or its pass share when fieldMatch did not run. */
function caseScore(c: RunCase): number {
  const scores = c.samples.map((s) => s.scores.fieldMatch?.score ?? Number(Object.values(s.scores).every((r) => r.pass)));
  return scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length);
}

function failingReasons(c: RunCase): string[] {
  const sample = c.samples.find((s) => Object.values(s.scores).some((r) => !r.pass)) ?? c.samples[0];
  return Object.entries(sample?.scores ?? {}).filter(([, r]) => !r.pass).map(([name, r]) => `${name}: ${r.reason}`);
}

export function alignTarget(
  current: RunTarget,
  baseline: RunTarget,
  cases: ProfileCase[],
  scorers: readonly ScorerName[],
  options: ScorerOptions,
): TargetAlignment {
  const baseById = new Map(baseline.cases.map((c) => [c.id, c]));
  const caseById = new Map(cases.map((c) => [c.id, c]));
  const runIds = new Set(current.cases.map((c) => c.id));
  const common = current.cases.filter((c) => baseById.get(c.id)?.inputSha === c.inputSha && caseById.has(c.id));
  const rescored = common.map((c) =>
    scoreCase(caseById.get(c.id)!, baseById.get(c.id)!.samples.map(({ scores: _old, ...sample }) => sample), scorers, options),
  );
  const deltas = common.map((c, i) => ({ id: c.id, before: caseScore(rescored[i]), after: caseScore(c), failing: failingReasons(c) }));
  return {
    target: current.label,
    baselineTarget: baseline.label,
    compared: common.length,
    onlyInRun: current.cases.filter((c) => !baseById.has(c.id)).map((c) => c.id),
    onlyInBaseline: baseline.cases.filter((c) => !runIds.has(c.id)).map((c) => c.id),
    changed: current.cases.filter((c) => baseById.has(c.id) && baseById.get(c.id)!.inputSha !== c.inputSha).map((c) => c.id),
    current: aggregate(common),
    baseline: aggregate(rescored),
    worsened: deltas.filter((d) => d.after < d.before - 1e-9).sort((a, b) => a.after - a.before - (b.after - b.before)),
    improved: deltas.filter((d) => d.after > d.before + 1e-9).sort((a, b) => b.after - b.before - (a.after - a.before)),
  };
}

export interface MatchingAlignment {
  compared: number;
  current: MetricValues;
  baseline: MetricValues | null;
  note?: string;
}

/** Rankings are comparable while the advocates are unchanged; grades are today's. */
export function alignMatching(current: RunMatching, baseline: RunMatching | null, queries: MatchingQuery[]): MatchingAlignment {
  if (!baseline) return { compared: 0, current: current.metrics, baseline: null, note: 'the baseline has no matching results' };
  if (baseline.advocatesSha !== current.advocatesSha) {
    return { compared: 0, current: current.metrics, baseline: null, note: 'the matching advocates changed since the baseline: not compared' };
  }
  const baseById = new Map(baseline.queries.map((q) => [q.id, q]));
  const common = queries.filter((q) => baseById.get(q.id)?.inputSha === q.inputSha);
  const ids = new Set(common.map((q) => q.id));
  const rescored = scoreQueries(common, new Map(common.map((q) => [q.id, baseById.get(q.id)!.ranked])), baseline.k);
  return {
    compared: common.length,
    current: matchingMetrics(current.queries.filter((q) => ids.has(q.id))),
    baseline: matchingMetrics(rescored),
  };
}
