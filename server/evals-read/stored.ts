import { z } from 'zod';
import { METRICS, METRIC_NAMES, type MetricName } from '../../evals/lib/metrics.js';
import type { RunFile } from '../../evals/store/run-file.js';
import type { EvalGateRule, EvalMetric } from '../domain/api/evals.js';

/**
 * The parts of a run file the schema leaves open (`gate`, `config`, `options`), read leniently: a run
 * written by an older runner still lists, it just shows less.
 */
const Metrics = z.record(z.string(), z.number().nullable());
const Delta = z.object({ id: z.string(), before: z.number(), after: z.number() });

const StoredVerdict = z.object({
  baseline: z.string().nullable(),
  passed: z.boolean(),
  findings: z.array(z.object({ target: z.string(), metric: z.string(), kind: z.string(), message: z.string() })),
  targets: z
    .array(
      z.object({
        target: z.string(),
        baselineTarget: z.string(),
        compared: z.number().int(),
        current: z.object({ metrics: Metrics }),
        baseline: z.object({ metrics: Metrics }),
        worsened: z.array(Delta).catch([]),
        improved: z.array(Delta).catch([]),
      }),
    )
    .catch([]),
  matching: z.object({ current: Metrics, baseline: Metrics.nullable() }).nullable().catch(null),
});
export type StoredVerdict = z.infer<typeof StoredVerdict>;
export type StoredAlignment = StoredVerdict['targets'][number];

/** The gate's verdict as the runner stored it; null when absent or unreadable. */
export function storedVerdict(run: RunFile): StoredVerdict | null {
  const parsed = StoredVerdict.safeParse(run.gate);
  return parsed.success ? parsed.data : null;
}

const StoredConfig = z.object({
  gate: z
    .record(z.string(), z.object({ tolerance: z.number().catch(0), min: z.number().optional(), max: z.number().optional() }))
    .catch({}),
});

const isMetric = (name: string): name is MetricName => (METRIC_NAMES as readonly string[]).includes(name);

/** The gate rules the run was judged by (from the config stored in it), for known metrics, in config order. */
export function storedGateRules(run: RunFile): Record<string, EvalGateRule> {
  const parsed = StoredConfig.safeParse(run.config);
  const rules = parsed.success ? parsed.data.gate : {};
  return Object.fromEntries(
    Object.entries(rules)
      .filter(([name]) => isMetric(name))
      .map(([name, r]) => [name, { tolerance: r.tolerance, min: r.min ?? null, max: r.max ?? null }]),
  );
}

export function storedOption(run: RunFile, name: 'provider' | 'saveBaseline'): string | null {
  const value = run.options[name];
  return typeof value === 'string' ? value : null;
}

export function storedRepeat(run: RunFile): number | null {
  const value = run.options.repeat;
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

/** What every metric means, in the runner's order (the UI formats and colours by it). */
export const METRIC_INFO: EvalMetric[] = METRIC_NAMES.map((name) => ({
  name,
  label: METRICS[name].label,
  better: METRICS[name].better,
  unit: METRICS[name].unit,
  group: METRICS[name].needs === 'matching' ? 'matching' : 'drafting',
}));
