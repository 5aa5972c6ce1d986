import { z } from 'zod';
import { PROFILE_FIELD_NAMES, ProfileFields } from '../profile.js';

/**
 * Eval runs as the UI reads them (GET /api/evals/…): run files written by `npm run eval` into evals/runs/
 * and the committed baselines in evals/baselines/, shaped for a list, a targets × metrics matrix and a
 * per-case side-by-side. Read-only; the run files stay the source of truth.
 */

/**
 * A run's id is its file name without `.json`: `<stem>` for evals/runs/<stem>.json and `baseline:<stem>`
 * for evals/baselines/<stem>.json. Never a path: no separators, no leading dot.
 */
export const EVAL_RUN_ID = /^(?:baseline:)?[A-Za-z0-9][A-Za-z0-9_.-]{0,159}$/;
export const EvalRunParams = z.object({
  id: z.string().regex(EVAL_RUN_ID, { message: 'Not an eval run id (a run file name without .json; no paths)' }),
});

/** What a metric means, so the UI formats and colours it without importing the eval runner. */
export const EvalMetric = z.object({
  name: z.string(),
  label: z.string(),
  better: z.enum(['higher', 'lower']),
  unit: z.enum(['share', 'ms', 'tokens', 'tokens/s']),
  group: z.enum(['drafting', 'matching']),
});
export type EvalMetric = z.infer<typeof EvalMetric>;

export const EvalMetricValues = z.record(z.string(), z.number().nullable());
export type EvalMetricValues = z.infer<typeof EvalMetricValues>;

export const EvalGateRule = z.object({ tolerance: z.number(), min: z.number().nullable(), max: z.number().nullable() });
export type EvalGateRule = z.infer<typeof EvalGateRule>;

export const EvalPrompt = z.object({ id: z.string(), version: z.string(), sha256: z.string() });
export type EvalPrompt = z.infer<typeof EvalPrompt>;

/** One provider/model (× prompt) of a run: its label is `provider:model`. */
export const EvalTargetSummary = z.object({
  label: z.string(),
  provider: z.string(),
  model: z.string(),
  prompt: EvalPrompt.nullable(),
  /** Over every case of the run, as stored. */
  metrics: EvalMetricValues,
});
export type EvalTargetSummary = z.infer<typeof EvalTargetSummary>;

export const EvalGateFailure = z.object({ target: z.string(), metric: z.string(), kind: z.string(), message: z.string() });
export type EvalGateFailure = z.infer<typeof EvalGateFailure>;

/** The gate's verdict as recorded when the run was made (thresholds always; the baseline when one was given). */
export const EvalGateSummary = z.object({
  /** The baseline file the run was compared with, as recorded; null when only thresholds were checked. */
  against: z.string().nullable(),
  /** That baseline's id here, when it is one of the listed files (for a link). */
  baselineId: z.string().nullable(),
  passed: z.boolean(),
  failures: z.array(EvalGateFailure),
});
export type EvalGateSummary = z.infer<typeof EvalGateSummary>;

// GET /api/evals/runs
export const EvalRunSummary = z.object({
  id: z.string(),
  kind: z.enum(['run', 'baseline']),
  /** The run file, relative to the repository when inside it. */
  file: z.string(),
  /** The id the runner wrote inside the file (a baseline keeps the id of the run it was saved from). */
  runId: z.string(),
  createdAt: z.string(),
  git: z.object({ revision: z.string().nullable(), dirty: z.boolean().nullable() }),
  provider: z.string(),
  targets: z.array(EvalTargetSummary),
  /** Distinct cases the run drafted. */
  caseCount: z.number().int(),
  repeat: z.number().int().nullable(),
  dataset: z.object({ path: z.string(), size: z.number().int(), sha256: z.string() }),
  /** Metrics the run's config gated, in config order. */
  gated: z.array(z.string()),
  gate: EvalGateSummary.nullable(),
  /** `--save-baseline PATH` of the run, when it was saved as a baseline. */
  savedAs: z.string().nullable(),
  matching: z.object({ embedder: z.string(), k: z.number().int(), metrics: EvalMetricValues }).nullable(),
});
export type EvalRunSummary = z.infer<typeof EvalRunSummary>;

export const EvalRunList = z.object({
  /** Where runs are read from (VOUCH_EVALS_DIR), for the empty state and the footer. */
  dir: z.string(),
  metrics: z.array(EvalMetric),
  /** Newest first. */
  items: z.array(EvalRunSummary),
  /** Files that are in the folders but are not readable run files (shown, never fatal). */
  problems: z.array(z.object({ file: z.string(), message: z.string() })),
});
export type EvalRunList = z.infer<typeof EvalRunList>;

// GET /api/evals/runs/:id

/** A target's row of the matrix: the figures the gate compared, and the baseline's when there was one. */
export const EvalMatrixRow = EvalTargetSummary.extend({
  modelDigest: z.string().nullable(),
  /** Cases compared with the baseline (those both have with unchanged notes); null without a baseline. */
  compared: z.number().int().nullable(),
  baseline: z.object({ label: z.string(), metrics: EvalMetricValues }).nullable(),
  /** Metrics the gate failed for this target. */
  failed: z.array(z.string()),
  fields: z.record(z.string(), z.object({ precision: z.number(), recall: z.number(), f1: z.number() }).nullable()),
});
export type EvalMatrixRow = z.infer<typeof EvalMatrixRow>;

export const EvalCheck = z.object({ scorer: z.string(), pass: z.boolean(), score: z.number(), reason: z.string() });
export type EvalCheck = z.infer<typeof EvalCheck>;

export const EvalSpan = z.object({ start: z.number().int(), end: z.number().int() });

/** One field, gold beside output: which gold facts the output found and which drafted items are not in gold. */
export const EvalFieldCompare = z.object({
  field: z.enum(PROFILE_FIELD_NAMES),
  /** The case's gold names this field (fields left out of gold are not scored). */
  scored: z.boolean(),
  /** Gold says the notes do not state it: the field must stay empty. */
  mustBeEmpty: z.boolean(),
  gold: z.array(z.object({ text: z.string(), alternatives: z.array(z.string()), found: z.boolean() })),
  output: z.array(
    z.object({
      text: z.string(),
      /** Matches a gold item; null when the field is not scored. */
      inGold: z.boolean().nullable(),
      /** The server's grounding check for quotes and numbers, when it applies: why it fails. */
      ungrounded: z.string().nullable(),
      /** Where a quote occurs in the notes. */
      span: EvalSpan.nullable(),
    }),
  ),
});
export type EvalFieldCompare = z.infer<typeof EvalFieldCompare>;

/** The sample shown for a case and target: the first failing repeat, else the first. */
export const EvalSampleView = z.object({
  repeat: z.number().int(),
  samples: z.number().int(),
  stability: z.number().nullable(),
  /** The output when it is a valid profile. */
  output: ProfileFields.nullable(),
  /** Anything else the model returned (JSON text), when it is not a valid profile. */
  raw: z.string().nullable(),
  error: z.string().nullable(),
  latencyMs: z.number().nullable(),
  cached: z.boolean(),
  /** As stored in the run file, failing first. */
  checks: z.array(EvalCheck),
  failing: z.boolean(),
  /** Against today's gold (empty when the case is no longer in the dataset). */
  fields: z.array(EvalFieldCompare),
  /** Indexes into the case's forbidden facts that this output contains. */
  forbiddenHits: z.array(z.number().int()),
});
export type EvalSampleView = z.infer<typeof EvalSampleView>;

export const EvalCaseResult = z.object({
  target: z.string(),
  current: EvalSampleView.nullable(),
  baselineTarget: z.string().nullable(),
  /** The baseline's output for this case, with the checks stored in the baseline file. */
  baseline: EvalSampleView.nullable(),
  /** The case's score moved against the baseline (mean fieldMatch score, as the gate reports it). */
  change: z.object({ before: z.number(), after: z.number(), direction: z.enum(['worse', 'better']) }).nullable(),
});
export type EvalCaseResult = z.infer<typeof EvalCaseResult>;

export const EvalCaseRow = z.object({
  id: z.string(),
  description: z.string().nullable(),
  tags: z.array(z.string()),
  /** The notes as the drafter saw them (normalised), from today's dataset. */
  notes: z.string().nullable(),
  /** same: the notes the run drafted from; changed: edited since the run; missing: not in the dataset now. */
  notesStatus: z.enum(['same', 'changed', 'missing']),
  forbidden: z.array(z.object({ field: z.string(), value: z.string(), why: z.string().nullable() })),
  failing: z.boolean(),
  worse: z.boolean(),
  results: z.array(EvalCaseResult),
});
export type EvalCaseRow = z.infer<typeof EvalCaseRow>;

export const EvalRunDetail = EvalRunSummary.extend({
  metrics: z.array(EvalMetric),
  gateRules: z.record(z.string(), EvalGateRule),
  matrix: z.array(EvalMatrixRow),
  matchingBaseline: EvalMetricValues.nullable(),
  datasetStatus: z.object({ status: z.enum(['same', 'changed', 'unavailable']), message: z.string().nullable() }),
  cases: z.array(EvalCaseRow),
});
export type EvalRunDetail = z.infer<typeof EvalRunDetail>;
