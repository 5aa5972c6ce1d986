import type { GateVerdict } from '../gate/verdict.js';
import { METRICS, METRIC_NAMES, formatMetric, type MetricName, type MetricValues } from '../lib/metrics.js';
import type { RunFile, RunTarget } from '../store/run-file.js';

/** What both reports show per target: the figures compared (common cases when there is a baseline). */
export interface TargetView {
  target: RunTarget;
  metrics: MetricValues;
  baseline: MetricValues | null;
  baselineLabel: string | null;
  failed: Set<MetricName>;
}

export function targetViews(run: RunFile, verdict: GateVerdict): TargetView[] {
  return run.targets.map((target) => {
    const aligned = verdict.targets.find((a) => a.target === target.label);
    const failed = new Set(verdict.findings.filter((f) => f.target === target.label).map((f) => f.metric));
    return {
      target,
      metrics: aligned?.current.metrics ?? target.metrics,
      baseline: aligned?.baseline.metrics ?? null,
      baselineLabel: aligned?.baselineTarget ?? null,
      failed,
    };
  });
}

/** Drafting metrics worth a row: measured for some target (matching has its own line). */
export function shownMetrics(views: TargetView[]): MetricName[] {
  return METRIC_NAMES.filter(
    (m) => METRICS[m].needs !== 'matching' && views.some((v) => (v.metrics[m] ?? null) !== null || (v.baseline?.[m] ?? null) !== null),
  );
}

/** "0.612 (−0.104)": the value and, against a baseline, the signed change. */
export function valueWithDelta(metric: MetricName, value: number | null | undefined, base: number | null | undefined): string {
  const shown = formatMetric(metric, value);
  if (value === null || value === undefined || base === null || base === undefined) return shown;
  const delta = value - base;
  if (Math.abs(delta) < 1e-9) return `${shown} (=)`;
  const sign = delta > 0 ? '+' : '−';
  return `${shown} (${sign}${formatMetric(metric, Math.abs(delta))})`;
}

export function summaryLine(verdict: GateVerdict): string {
  const against = verdict.baseline ? ` against ${verdict.baseline}` : ' (thresholds only, no --baseline)';
  if (verdict.passed) return `RESULT: PASS — every gated metric holds${against}`;
  const byTarget = new Map<string, string[]>();
  for (const f of verdict.findings) {
    const list = byTarget.get(f.target) ?? [];
    if (!list.includes(f.metric)) list.push(f.metric);
    byTarget.set(f.target, list);
  }
  const parts = [...byTarget].map(([target, metrics]) => `${target}: ${metrics.join(', ')}`);
  return `RESULT: FAIL — regressed or failed${against}: ${parts.join('; ')}`;
}

export const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
