import { displayPath } from '../../evals/lib/paths.js';
import type { RunFile, RunTarget } from '../../evals/store/run-file.js';
import type { EvalMatrixRow, EvalRunSummary, EvalTargetSummary } from '../domain/api/evals.js';
import type { RunEntry } from './files.js';
import { storedGateRules, storedOption, storedRepeat, storedVerdict, type StoredVerdict } from './stored.js';

/** Pure: a run file as a row of the runs list. `baselineIdOf` maps a recorded baseline path to a listed id. */
export function summarise(entry: RunEntry, run: RunFile, baselineIdOf: (recorded: string) => string | null): EvalRunSummary {
  const verdict = storedVerdict(run);
  const caseIds = new Set(run.targets.flatMap((t) => t.cases.map((c) => c.id)));
  return {
    id: entry.id,
    kind: entry.kind,
    file: displayPath(entry.file),
    runId: run.id,
    createdAt: run.createdAt,
    git: run.git,
    provider: storedOption(run, 'provider') ?? run.targets[0].provider,
    targets: run.targets.map(targetSummary),
    caseCount: caseIds.size,
    repeat: storedRepeat(run),
    dataset: { path: run.datasets.profiles.path, size: run.datasets.profiles.size, sha256: run.datasets.profiles.sha256 },
    gated: Object.keys(storedGateRules(run)),
    gate: verdict
      ? {
          against: verdict.baseline,
          baselineId: verdict.baseline ? baselineIdOf(verdict.baseline) : null,
          passed: verdict.passed,
          failures: verdict.findings,
        }
      : null,
    savedAs: storedOption(run, 'saveBaseline'),
    matching: run.matching ? { embedder: run.matching.embedder, k: run.matching.k, metrics: run.matching.metrics } : null,
  };
}

function targetSummary(t: RunTarget): EvalTargetSummary {
  return { label: t.label, provider: t.provider, model: t.model, prompt: t.prompt, metrics: t.metrics };
}

/**
 * A target's matrix row: with a baseline, the figures the gate compared (the cases both runs share with
 * unchanged notes, the baseline re-scored with the scorers of the day) — as the HTML report shows them.
 */
export function matrixRows(run: RunFile, verdict: StoredVerdict | null): EvalMatrixRow[] {
  return run.targets.map((t) => {
    const aligned = verdict?.targets.find((a) => a.target === t.label);
    const failed = [...new Set((verdict?.findings ?? []).filter((f) => f.target === t.label).map((f) => f.metric))];
    return {
      ...targetSummary(t),
      modelDigest: t.modelDigest,
      compared: aligned?.compared ?? null,
      metrics: aligned?.current.metrics ?? t.metrics,
      baseline: aligned ? { label: aligned.baselineTarget, metrics: aligned.baseline.metrics } : null,
      failed,
      fields: t.fields,
    };
  });
}

/** Newest first; a baseline sorts after a run of the same moment (it is usually that run's copy). */
export function newestFirst(a: EvalRunSummary, b: EvalRunSummary): number {
  const t = Date.parse(b.createdAt) - Date.parse(a.createdAt);
  if (t !== 0 && !Number.isNaN(t)) return t;
  if (a.kind !== b.kind) return a.kind === 'run' ? -1 : 1;
  return a.id < b.id ? 1 : -1;
}
