import type { ProfileCase } from '../dataset/profiles.js';
import type { EvalTarget } from '../providers/types.js';
import type { ScorerName, ScorerOptions } from '../scorers/index.js';
import type { RunCase, RunTarget } from '../store/run-file.js';
import { aggregate } from './aggregate.js';
import { scoreCase, type UnscoredSample } from './score-case.js';

export interface RunSettings {
  repeat: number;
  scorers: readonly ScorerName[];
  scorerOptions: ScorerOptions;
  /** Called after each case (progress for slow providers). */
  onCase?: (done: number, of: number, result: RunCase) => void;
}

/** Every case × repeat through one target, sequentially (a local model serves one request at a time). */
export async function runTarget(target: EvalTarget, cases: ProfileCase[], settings: RunSettings): Promise<RunTarget> {
  const results: RunCase[] = [];
  for (const [i, testCase] of cases.entries()) {
    const samples: UnscoredSample[] = [];
    for (let repeat = 0; repeat < settings.repeat; repeat++) samples.push({ repeat, ...(await target.draft(testCase, repeat)) });
    const result = scoreCase(testCase, samples, settings.scorers, settings.scorerOptions);
    results.push(result);
    settings.onCase?.(i + 1, cases.length, result);
  }
  const { metrics, fields } = aggregate(results);
  return {
    label: target.label,
    provider: target.provider,
    model: target.model,
    modelDigest: target.modelDigest,
    prompt: target.prompt,
    metrics,
    fields,
    cases: results,
  };
}
