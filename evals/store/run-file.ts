import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PROVIDERS } from '../lib/args.js';
import { UsageError } from '../lib/errors.js';
import { displayPath } from '../lib/paths.js';
import { issueLines } from '../lib/zod-issues.js';

/**
 * The run file (evals/runs/<id>.json, and committed baselines): everything needed to compare with it
 * later — the config, the git revision, and every sample's output, so a baseline can be re-scored with
 * today's scorers and gold instead of trusting its old numbers.
 */
export const RUN_FORMAT = 'vouch-eval-run@1';

const ScoreResult = z.object({ pass: z.boolean(), score: z.number(), reason: z.string(), details: z.record(z.string(), z.number()).optional() });
const Usage = z.object({ promptTokens: z.number().optional(), completionTokens: z.number().optional(), evalDurationMs: z.number().optional() });
export const RunSample = z.object({
  repeat: z.number().int().min(0),
  output: z.unknown(),
  error: z.string().optional(),
  latencyMs: z.number().nullable(),
  usage: Usage.optional(),
  cached: z.boolean(),
  scores: z.record(z.string(), ScoreResult),
});
export const RunCase = z.object({ id: z.string(), inputSha: z.string(), samples: z.array(RunSample), stability: z.number().nullable() });
export const PromptRef = z.object({ id: z.string(), version: z.string(), sha256: z.string() });
const Prf = z.object({ precision: z.number(), recall: z.number(), f1: z.number() });
export const RunTarget = z.object({
  label: z.string(),
  provider: z.enum(PROVIDERS),
  model: z.string(),
  modelDigest: z.string().nullable(),
  prompt: PromptRef.nullable(),
  metrics: z.record(z.string(), z.number().nullable()),
  fields: z.record(z.string(), Prf.nullable()),
  cases: z.array(RunCase),
});
export const RunQuery = z.object({ id: z.string(), inputSha: z.string(), ranked: z.array(z.string()), ndcg: z.number(), recall: z.number() });
export const RunMatching = z.object({
  embedder: z.string(),
  k: z.number().int(),
  advocatesSha: z.string(),
  metrics: z.record(z.string(), z.number().nullable()),
  queries: z.array(RunQuery),
});
const DatasetRef = z.object({ path: z.string(), sha256: z.string(), size: z.number().int() });
export const RunFile = z.object({
  format: z.literal(RUN_FORMAT),
  id: z.string(),
  createdAt: z.string(),
  git: z.object({ revision: z.string().nullable(), dirty: z.boolean().nullable() }),
  options: z.record(z.string(), z.unknown()),
  config: z.unknown(),
  datasets: z.object({ profiles: DatasetRef, matching: DatasetRef.nullable() }),
  targets: z.array(RunTarget).min(1),
  matching: RunMatching.nullable(),
  /** The gate's verdict when the run was compared with a baseline (informational; never re-read). */
  gate: z.unknown(),
});

export type RunSample = z.infer<typeof RunSample>;
export type RunCase = z.infer<typeof RunCase>;
export type PromptRef = z.infer<typeof PromptRef>;
export type RunTarget = z.infer<typeof RunTarget>;
export type RunQuery = z.infer<typeof RunQuery>;
export type RunMatching = z.infer<typeof RunMatching>;
export type RunFile = z.infer<typeof RunFile>;

export function loadRunFile(file: string, what = 'run file'): RunFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read ${what} ${displayPath(file)}: ${code ?? (err as Error).message}`);
  }
  const parsed = RunFile.safeParse(json);
  if (!parsed.success) throw new UsageError(`${displayPath(file)} is not a ${RUN_FORMAT} ${what}:\n${issueLines(parsed.error)}`);
  return parsed.data;
}
