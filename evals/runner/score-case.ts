import type { ProfileCase } from '../dataset/profiles.js';
import { scoreSample, type ScorerName, type ScorerOptions } from '../scorers/index.js';
import type { RunCase, RunSample } from '../store/run-file.js';
import { stabilityOf } from './stability.js';

export type UnscoredSample = Omit<RunSample, 'scores'>;

/** Scores a case's samples (fresh, cached, replayed or from a baseline) with the scorers named. Pure. */
export function scoreCase(testCase: ProfileCase, samples: UnscoredSample[], scorers: readonly ScorerName[], options: ScorerOptions): RunCase {
  return {
    id: testCase.id,
    inputSha: testCase.inputSha,
    samples: samples.map((sample) => ({
      ...sample,
      scores: scoreSample(scorers, { testCase, text: testCase.text, sample, options }),
    })),
    stability: stabilityOf(samples.map((s) => (s.error === undefined ? s.output : null))),
  };
}
