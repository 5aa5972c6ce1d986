import type { ScorerName } from '../scorers/types.js';

/**
 * Every figure a run reports and a config may gate on. The direction says which way is better, so the
 * gate knows what a regression is; `needs` names what must run for the figure to exist.
 */
export const METRIC_NAMES = [
  'schemaValidity',
  'fieldF1',
  'fieldPrecision',
  'fieldRecall',
  'quoteFaithfulness',
  'unsupportedNumberRate',
  'forbiddenFactRate',
  'casePassRate',
  'stability',
  'latencyMsP50',
  'latencyMsP95',
  'completionTokensMean',
  'tokensPerSecond',
  'matchingNdcg5',
  'matchingRecall5',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];
export type MetricValues = Partial<Record<MetricName, number | null>>;

export interface MetricInfo {
  label: string;
  better: 'higher' | 'lower';
  unit: 'share' | 'ms' | 'tokens' | 'tokens/s';
  needs: ScorerName | 'matching' | 'repeat';
}

export const METRICS: Record<MetricName, MetricInfo> = {
  schemaValidity: { label: 'schema-valid outputs', better: 'higher', unit: 'share', needs: 'schemaValidity' },
  fieldF1: { label: 'field F1 vs gold', better: 'higher', unit: 'share', needs: 'fieldMatch' },
  fieldPrecision: { label: 'field precision', better: 'higher', unit: 'share', needs: 'fieldMatch' },
  fieldRecall: { label: 'field recall', better: 'higher', unit: 'share', needs: 'fieldMatch' },
  quoteFaithfulness: { label: 'quotes found verbatim', better: 'higher', unit: 'share', needs: 'quoteFaithfulness' },
  unsupportedNumberRate: { label: 'unsupported numbers', better: 'lower', unit: 'share', needs: 'unsupportedNumbers' },
  forbiddenFactRate: { label: 'forbidden facts present', better: 'lower', unit: 'share', needs: 'forbiddenFacts' },
  casePassRate: { label: 'samples passing every scorer', better: 'higher', unit: 'share', needs: 'schemaValidity' },
  stability: { label: 'stability across repeats', better: 'higher', unit: 'share', needs: 'repeat' },
  latencyMsP50: { label: 'latency p50', better: 'lower', unit: 'ms', needs: 'latency' },
  latencyMsP95: { label: 'latency p95', better: 'lower', unit: 'ms', needs: 'latency' },
  completionTokensMean: { label: 'tokens generated (mean)', better: 'lower', unit: 'tokens', needs: 'tokens' },
  tokensPerSecond: { label: 'tokens per second', better: 'higher', unit: 'tokens/s', needs: 'tokens' },
  matchingNdcg5: { label: 'matching nDCG@5', better: 'higher', unit: 'share', needs: 'matching' },
  matchingRecall5: { label: 'matching recall@5', better: 'higher', unit: 'share', needs: 'matching' },
};

export function formatMetric(name: MetricName, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const unit = METRICS[name].unit;
  if (unit === 'share') return value.toFixed(3);
  if (unit === 'ms') return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
  return value.toFixed(unit === 'tokens/s' ? 1 : 0);
}
