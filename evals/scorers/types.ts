import type { ProfileCase } from '../dataset/profiles.js';

/**
 * A scorer is a pure function of one drafted sample and its case: no IO, no clock, no randomness, so the
 * same stored output always scores the same (baselines are re-scored with today's scorers and gold).
 */
export const SCORER_NAMES = [
  'schemaValidity',
  'fieldMatch',
  'quoteFaithfulness',
  'unsupportedNumbers',
  'forbiddenFacts',
  'latency',
  'tokens',
] as const;
export type ScorerName = (typeof SCORER_NAMES)[number];

export interface Usage {
  promptTokens?: number;
  completionTokens?: number;
  evalDurationMs?: number;
}

/** What one provider call produced for one case: the output (null on error), or why there is none. */
export interface Sample {
  output: unknown;
  error?: string;
  latencyMs: number | null;
  usage?: Usage;
}

export interface ScorerOptions {
  /** A case passes fieldMatch when its F1 over the gold fields reaches this. */
  passF1: number;
  /** A sample slower than this fails the latency scorer. */
  latencyBudgetMs: number;
  /** A sample generating more tokens than this fails the tokens scorer (null: no limit). */
  maxCompletionTokens: number | null;
}

export interface ScorerInput {
  testCase: ProfileCase;
  /** The notes as the drafter saw them (normalised once, like the server does). */
  text: string;
  sample: Sample;
  options: ScorerOptions;
}

export interface ScoreResult {
  pass: boolean;
  /** 0..1, higher is better. */
  score: number;
  /** One line a person can act on. */
  reason: string;
  /** Counts the run aggregates across cases (micro averages), e.g. { quotes: 3, found: 2 }. */
  details?: Record<string, number>;
}

export type Scorer = (input: ScorerInput) => ScoreResult;
