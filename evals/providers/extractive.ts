import { createExtractiveDrafter } from '../../server/llm/extractive/index.js';
import { timedDraft } from './timed-draft.js';
import type { EvalTarget } from './types.js';

/**
 * The embedded no-LLM drafter: the floor every model must beat. Never cached — its output depends on code,
 * not on a prompt or model, and it takes milliseconds.
 */
export function createExtractiveTarget(catalogue: string[]): EvalTarget {
  const drafter = createExtractiveDrafter({ products: catalogue });
  return {
    label: `extractive:${drafter.model}`,
    provider: 'extractive',
    model: drafter.model,
    modelDigest: null,
    prompt: null,
    draft: (testCase) => timedDraft(drafter, testCase.text),
  };
}
