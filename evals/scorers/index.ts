import { fieldMatch } from './field-match.js';
import { forbiddenFacts } from './forbidden-facts.js';
import { latency } from './latency.js';
import { quoteFaithfulness } from './quote-faithfulness.js';
import { schemaValidity } from './schema-validity.js';
import { tokens } from './tokens.js';
import type { ScoreResult, Scorer, ScorerInput, ScorerName } from './types.js';
import { unsupportedNumbers } from './unsupported-numbers.js';

export { SCORER_NAMES } from './types.js';
export type { ScoreResult, Scorer, ScorerInput, ScorerName, ScorerOptions, Sample, Usage } from './types.js';

/** Every scorer by name: adding a name to SCORER_NAMES without a handler here is a type error. */
export const SCORERS: Record<ScorerName, Scorer> = {
  schemaValidity,
  fieldMatch,
  quoteFaithfulness,
  unsupportedNumbers,
  forbiddenFacts,
  latency,
  tokens,
};

export type Scores = Partial<Record<ScorerName, ScoreResult>>;

export function scoreSample(names: readonly ScorerName[], input: ScorerInput): Scores {
  return Object.fromEntries(names.map((name) => [name, SCORERS[name](input)]));
}
