import type { EvalMetric, EvalPrompt } from '$domain/api/evals';

/** Figures as the eval runner prints them: shares with 3 decimals, milliseconds, tokens. */
export function formatValue(metric: EvalMetric | undefined, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  switch (metric?.unit) {
    case 'ms':
      return value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${Math.round(value)} ms`;
    case 'tokens':
      return value.toFixed(0);
    case 'tokens/s':
      return value.toFixed(1);
    default:
      return value.toFixed(3);
  }
}

export type Tone = 'better' | 'worse' | 'same';
export type Delta = { text: string; tone: Tone; words: string };

/** The change from the baseline, signed, and whether it is better or worse for this metric. */
export function deltaOf(metric: EvalMetric | undefined, value: number | null | undefined, base: number | null | undefined): Delta | null {
  if (value === null || value === undefined || base === null || base === undefined) return null;
  const diff = value - base;
  if (Math.abs(diff) < 1e-9) return { text: '±0', tone: 'same', words: 'same as the baseline' };
  const up = diff > 0;
  const tone: Tone = up === (metric?.better !== 'lower') ? 'better' : 'worse';
  const text = `${up ? '+' : '−'}${formatValue(metric, Math.abs(diff))}`;
  return { text, tone, words: `${tone} than the baseline (${formatValue(metric, base)})` };
}

export const promptLabel = (prompt: EvalPrompt | null): string => (prompt ? `${prompt.id}@${prompt.version}` : 'no prompt');

export const shortRevision = (git: { revision: string | null; dirty: boolean | null }): string =>
  git.revision ? `${git.revision.slice(0, 7)}${git.dirty ? ' + changes' : ''}` : 'unknown';

export function metricMap(metrics: EvalMetric[]): Map<string, EvalMetric> {
  return new Map(metrics.map((m) => [m.name, m]));
}

/** "higher is better", for headers and screen readers. */
export const direction = (metric: EvalMetric | undefined): string => (metric?.better === 'lower' ? 'lower is better' : 'higher is better');

/** Scorer names as people read them. */
export const SCORER_LABELS: Record<string, string> = {
  schemaValidity: 'Schema',
  fieldMatch: 'Fields vs gold',
  quoteFaithfulness: 'Quotes verbatim',
  unsupportedNumbers: 'Numbers in notes',
  forbiddenFacts: 'Forbidden facts',
  latency: 'Latency',
  tokens: 'Tokens',
};
export const scorerLabel = (name: string): string => SCORER_LABELS[name] ?? name;
