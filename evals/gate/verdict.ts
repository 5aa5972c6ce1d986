import type { MatchingQuery } from '../dataset/matching.js';
import type { ProfileCase } from '../dataset/profiles.js';
import type { GateRules } from '../lib/config.js';
import type { ScorerName, ScorerOptions } from '../scorers/index.js';
import { UsageError } from '../lib/errors.js';
import { METRICS, type MetricName } from '../lib/metrics.js';
import type { RunFile, RunMatching, RunTarget } from '../store/run-file.js';
import { alignMatching, alignTarget, type MatchingAlignment, type TargetAlignment } from './align.js';
import { evaluateGate, type GateFinding } from './compare.js';

export interface GateVerdict {
  /** The baseline file as given (repo-relative), or null when only thresholds were checked. */
  baseline: string | null;
  passed: boolean;
  findings: GateFinding[];
  targets: TargetAlignment[];
  matching: MatchingAlignment | null;
}

export interface JudgeInput {
  targets: RunTarget[];
  matching: RunMatching | null;
  baseline: { file: string; run: RunFile; pairs: Map<string, RunTarget> } | null;
  cases: ProfileCase[];
  queries: MatchingQuery[];
  config: { gate: GateRules; scorers: readonly ScorerName[]; scorerOptions: ScorerOptions };
}

function splitRules(rules: GateRules): { drafting: GateRules; matching: GateRules } {
  const drafting: GateRules = {};
  const matching: GateRules = {};
  for (const [name, rule] of Object.entries(rules) as [MetricName, NonNullable<GateRules[MetricName]>][]) {
    (METRICS[name].needs === 'matching' ? matching : drafting)[name] = rule;
  }
  return { drafting, matching };
}

/** Every target (and the matching set) against the gate: thresholds always, the baseline when given. */
export function judgeRun(input: JudgeInput): GateVerdict {
  const { config, baseline } = input;
  const rules = splitRules(config.gate);
  const findings: GateFinding[] = [];
  const alignments: TargetAlignment[] = [];
  for (const target of input.targets) {
    const paired = baseline?.pairs.get(target.label);
    if (!paired) {
      findings.push(...evaluateGate(target.label, rules.drafting, target.metrics, null));
      continue;
    }
    const aligned = alignTarget(target, paired, input.cases, config.scorers, config.scorerOptions);
    if (aligned.compared === 0) {
      throw new UsageError(`the baseline ${baseline!.file} shares no unchanged case with this run's dataset: nothing to compare`);
    }
    alignments.push(aligned);
    findings.push(...evaluateGate(target.label, rules.drafting, aligned.current.metrics, aligned.baseline.metrics));
  }
  let matching: MatchingAlignment | null = null;
  if (input.matching) {
    matching = baseline
      ? alignMatching(input.matching, baseline.run.matching, input.queries)
      : { compared: 0, current: input.matching.metrics, baseline: null };
    findings.push(...evaluateGate('matching', rules.matching, matching.current, matching.baseline));
  }
  return { baseline: baseline?.file ?? null, passed: findings.length === 0, findings, targets: alignments, matching };
}
