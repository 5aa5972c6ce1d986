import type { ProfileCase } from '../dataset/profiles.js';
import type { ProviderName } from '../lib/args.js';
import type { Sample } from '../scorers/types.js';
import type { PromptRef } from '../store/run-file.js';

/** A sample plus whether it came from the cache (or a recording) rather than a fresh model call. */
export interface DraftSample extends Sample {
  cached: boolean;
}

/**
 * One column of the matrix: a provider with one model (and prompt). `draft` never throws for model or
 * HTTP failures: they come back as a sample with `error`, and are never cached.
 */
export interface EvalTarget {
  /** e.g. "ollama:llama3.2", "extractive:vouch-extractive-v1", "replay:junk.jsonl". */
  label: string;
  provider: ProviderName;
  model: string;
  modelDigest: string | null;
  prompt: PromptRef | null;
  draft(testCase: ProfileCase, repeat: number): Promise<DraftSample>;
}
