import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { SCORER_NAMES } from '../scorers/types.js';
import { UsageError } from './errors.js';
import { METRICS, METRIC_NAMES, type MetricName } from './metrics.js';
import { displayPath } from './paths.js';
import { issueLines } from './zod-issues.js';

/**
 * The declarative eval config (evals/vouch-eval.config.json): datasets, scorers, gated metrics and their
 * tolerances, provider defaults. Paths are relative to the config file.
 */
const GateRule = z
  .object({
    /** How far the metric may move in the worse direction from the baseline before the gate fails. */
    tolerance: z.number().min(0).default(0),
    /** Absolute floor / ceiling, checked with or without a baseline. */
    min: z.number().optional(),
    max: z.number().optional(),
  })
  .strict();
export type GateRule = z.infer<typeof GateRule>;
export type GateRules = Partial<Record<MetricName, GateRule>>;

const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    description: z.string().optional(),
    datasets: z.object({ profiles: z.string().min(1), matching: z.string().min(1).nullable().default(null) }).strict(),
    /** The vendor's product names, so the extractive drafter recognises them (like VOUCH_PRODUCTS). */
    catalogue: z.array(z.string().min(1)).default([]),
    scorers: z.array(z.enum(SCORER_NAMES)).min(1),
    scorerOptions: z
      .object({
        passF1: z.number().min(0).max(1).default(0.5),
        latencyBudgetMs: z.number().positive().default(180_000),
        maxCompletionTokens: z.number().int().positive().nullable().default(null),
      })
      .strict()
      .prefault({}),
    gate: z.partialRecord(z.enum(METRIC_NAMES), GateRule).default({}),
    repeat: z.number().int().min(1).max(50).default(1),
    providers: z
      .object({
        ollama: z
          .object({
            /** Used when --model is not given; empty: $VOUCH_MODEL, else llama3.2 (as the server). */
            models: z.array(z.string().min(1)).default([]),
            timeoutMs: z.number().int().min(1000).default(180_000),
            maxContextTokens: z.number().int().min(2048).default(32_768),
          })
          .strict()
          .prefault({}),
        replay: z.object({ recordings: z.array(z.string().min(1)).default([]) }).strict().prefault({}),
      })
      .strict()
      .prefault({}),
    matching: z.object({ k: z.number().int().min(1).max(50).default(5), vectorCacheDir: z.string().default('.cache/vectors') }).strict().prefault({}),
    runsDir: z.string().default('runs'),
    cacheDir: z.string().default('.cache/outputs'),
  })
  .strict();

export type EvalConfig = z.infer<typeof ConfigSchema> & { file: string };

/** Problems no schema can see: a gated metric that nothing in this config measures. */
function crossCheck(config: z.infer<typeof ConfigSchema>): string[] {
  const problems: string[] = [];
  for (const [name, rule] of Object.entries(config.gate) as [MetricName, GateRule][]) {
    const needs = METRICS[name].needs;
    if (needs === 'matching' && config.datasets.matching === null) problems.push(`gate.${name}: needs datasets.matching`);
    else if (needs !== 'matching' && needs !== 'repeat' && !config.scorers.includes(needs)) {
      problems.push(`gate.${name}: needs the "${needs}" scorer in scorers`);
    }
    if (rule.min !== undefined && rule.max !== undefined && rule.min > rule.max) problems.push(`gate.${name}: min is above max`);
  }
  if (config.matching.k !== 5 && (config.gate.matchingNdcg5 || config.gate.matchingRecall5)) {
    problems.push('matching.k: the matching metrics are @5; keep k at 5 while they are gated');
  }
  return problems;
}

export function parseEvalConfig(json: unknown, file: string): EvalConfig {
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) {
    const unknownMetric = parsed.error.issues.some((i) => i.path[0] === 'gate' && i.code === 'unrecognized_keys');
    const hint = unknownMetric ? `\n  (metrics that can be gated: ${METRIC_NAMES.join(', ')})` : '';
    throw new UsageError(`invalid eval config ${displayPath(file)}:\n${issueLines(parsed.error)}${hint}`);
  }
  const problems = crossCheck(parsed.data);
  if (problems.length > 0) throw new UsageError(`invalid eval config ${displayPath(file)}:\n  ${problems.join('\n  ')}`);
  const dir = path.dirname(file);
  const resolve = (p: string) => path.resolve(dir, p);
  const c = parsed.data;
  return {
    ...c,
    file,
    datasets: { profiles: resolve(c.datasets.profiles), matching: c.datasets.matching === null ? null : resolve(c.datasets.matching) },
    providers: { ...c.providers, replay: { recordings: c.providers.replay.recordings.map(resolve) } },
    matching: { ...c.matching, vectorCacheDir: resolve(c.matching.vectorCacheDir) },
    runsDir: resolve(c.runsDir),
    cacheDir: resolve(c.cacheDir),
  };
}

export function loadEvalConfig(file: string): EvalConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read eval config ${displayPath(file)}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new UsageError(`eval config ${displayPath(file)} is not valid JSON: ${(err as Error).message}`);
  }
  return parseEvalConfig(json, path.resolve(file));
}
