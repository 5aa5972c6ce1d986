import { PROFILE_FIELD_NAMES, type ProfileFieldName } from '../../server/domain/profile.js';
import type { MetricValues } from '../lib/metrics.js';
import { ZERO_COUNTS, addCounts, prf, type FieldCounts, type Prf } from '../lib/prf.js';
import type { RunCase, RunSample } from '../store/run-file.js';

/**
 * A target's figures from its scored cases: shares are micro-averaged over every quote, claim or fact
 * (a case with ten quotes weighs more than one with one); field F1 is averaged over fields. Pure: the gate
 * runs it again on the cases a run and its baseline share.
 */
export interface Aggregate {
  metrics: MetricValues;
  fields: Record<ProfileFieldName, Prf | null>;
}

const mean = (xs: number[]) => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
const ratio = (num: number, den: number) => (den === 0 ? null : num / den);

function percentile(xs: number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** Sum of one detail over the samples that have it, and how many had it. */
function total(samples: RunSample[], scorer: string, key: string): { sum: number; n: number } {
  let sum = 0;
  let n = 0;
  for (const s of samples) {
    const v = s.scores[scorer]?.details?.[key];
    if (v !== undefined) {
      sum += v;
      n += 1;
    }
  }
  return { sum, n };
}

function fieldFigures(samples: RunSample[]): Record<ProfileFieldName, Prf | null> {
  const out = {} as Record<ProfileFieldName, Prf | null>;
  for (const field of PROFILE_FIELD_NAMES) {
    let counts: FieldCounts = ZERO_COUNTS;
    let seen = false;
    for (const s of samples) {
      const d = s.scores.fieldMatch?.details;
      if (d?.[`${field}.gold`] === undefined) continue;
      seen = true;
      counts = addCounts(counts, { pred: d[`${field}.pred`], predMatched: d[`${field}.predMatched`], gold: d[`${field}.gold`], goldMatched: d[`${field}.goldMatched`] });
    }
    out[field] = seen ? prf(counts) : null;
  }
  return out;
}

export function aggregate(cases: RunCase[]): Aggregate {
  const samples = cases.flatMap((c) => c.samples);
  const has = (scorer: string) => samples.some((s) => s.scores[scorer] !== undefined);
  const fields = fieldFigures(samples);
  const measured = Object.values(fields).filter((f): f is Prf => f !== null);
  const pick = (k: keyof Prf) => (has('fieldMatch') ? mean(measured.map((f) => f[k])) : null);
  const detailRatio = (scorer: string, num: string, den: string) =>
    has(scorer) ? ratio(total(samples, scorer, num).sum, total(samples, scorer, den).sum) : null;
  const latencies = samples.flatMap((s) => s.scores.latency?.details?.latencyMs ?? []);
  const generated = samples.flatMap((s) => s.scores.tokens?.details?.completionTokens ?? []);
  const timed = samples.filter((s) => s.scores.tokens?.details?.evalDurationMs);
  return {
    fields,
    metrics: {
      schemaValidity: has('schemaValidity') ? mean(samples.map((s) => s.scores.schemaValidity?.score ?? 0)) : null,
      fieldF1: pick('f1'),
      fieldPrecision: pick('precision'),
      fieldRecall: pick('recall'),
      quoteFaithfulness: detailRatio('quoteFaithfulness', 'found', 'quotes'),
      unsupportedNumberRate: detailRatio('unsupportedNumbers', 'unsupported', 'claims'),
      forbiddenFactRate: detailRatio('forbiddenFacts', 'hits', 'checked'),
      casePassRate: mean(samples.map((s) => Number(Object.values(s.scores).every((r) => r.pass)))),
      stability: mean(cases.flatMap((c) => (c.stability === null ? [] : [c.stability]))),
      latencyMsP50: percentile(latencies, 50),
      latencyMsP95: percentile(latencies, 95),
      completionTokensMean: mean(generated),
      tokensPerSecond: ratio(
        timed.reduce((n, s) => n + s.scores.tokens!.details!.completionTokens, 0) * 1000,
        timed.reduce((n, s) => n + s.scores.tokens!.details!.evalDurationMs, 0),
      ),
    },
  };
}
