import type { GateRules } from '../lib/config.js';
import { METRICS, formatMetric, type MetricName, type MetricValues } from '../lib/metrics.js';

/**
 * The gate, as a pure function of figures: a gated metric fails when it moved in its worse direction by
 * more than its tolerance from the baseline, or crossed its absolute min/max, or was measured in the
 * baseline but not in this run.
 */
export interface GateFinding {
  target: string;
  metric: MetricName;
  kind: 'regression' | 'below-min' | 'above-max' | 'not-measured';
  current: number | null;
  baseline: number | null;
  message: string;
}

/** Float noise (0.1 + 0.2) must not fail a gate with tolerance 0. */
const EPSILON = 1e-9;

export function evaluateGate(target: string, rules: GateRules, current: MetricValues, baseline: MetricValues | null): GateFinding[] {
  const findings: GateFinding[] = [];
  for (const [metric, rule] of Object.entries(rules) as [MetricName, NonNullable<GateRules[MetricName]>][]) {
    const cur = current[metric] ?? null;
    const base = baseline ? (baseline[metric] ?? null) : null;
    const fmt = (v: number | null) => formatMetric(metric, v);
    const find = (kind: GateFinding['kind'], message: string) =>
      findings.push({ target, metric, kind, current: cur, baseline: base, message: `${target} ${metric}: ${message}` });

    if (cur === null) {
      const thresholds = rule.min !== undefined || rule.max !== undefined;
      if (base !== null || (!baseline && thresholds)) {
        find('not-measured', `not measured in this run${base !== null ? ` (baseline ${fmt(base)})` : ''}`);
      }
      continue;
    }
    if (rule.min !== undefined && cur < rule.min - EPSILON) find('below-min', `${fmt(cur)} is below the minimum ${rule.min}`);
    if (rule.max !== undefined && cur > rule.max + EPSILON) find('above-max', `${fmt(cur)} is above the maximum ${rule.max}`);
    if (base !== null) {
      const worse = METRICS[metric].better === 'higher' ? base - cur : cur - base;
      if (worse > rule.tolerance + EPSILON) {
        find('regression', `${fmt(cur)} vs baseline ${fmt(base)}: worse by ${fmt(worse)} (tolerance ${rule.tolerance})`);
      }
    }
  }
  return findings;
}

/** Metric names that failed, in first-seen order, for the one-line summary. */
export function failedMetrics(findings: GateFinding[]): string[] {
  return [...new Set(findings.map((f) => f.metric))];
}
