import { z } from 'zod';
import { Advocate } from '../advocate.js';
import { AdvocateLoad, BurnoutSummary } from '../burnout.js';
import { VerifiedHint } from '../freshness.js';
import { Intent, PinnedField } from '../intent.js';
import { PROFILE_FIELD_NAMES } from '../profile.js';
import { plainText } from '../text.js';

// POST /api/match
export const MatchBody = z.strictObject({
  query: plainText({ message: 'Describe the prospect' })
    .trim()
    .min(3, 'Describe the prospect in a few words')
    .max(2000, 'Keep the description under 2,000 characters'),
  limit: z.number().int().min(1).max(50).default(10),
  /** The intent chips as the rep edited them; absent: read from the query by rules. */
  intent: Intent.strict().optional(),
  /** Intent fields the rep pinned as hard filters (region, language); unpinned fields only boost. */
  pinned: z.array(PinnedField).max(2).optional(),
});
export type MatchBody = z.input<typeof MatchBody>;

/**
 * Why a rep can believe a fact: `verbatim`, a quote (the customer's own words, checked against the notes at
 * approval); `excerpt`, the sentence of the interview approved with the fact (server/domain/excerpts.ts).
 * Never more of the notes than that.
 */
export const ReasonEvidence = z.object({ kind: z.enum(['verbatim', 'excerpt']), text: z.string() });
export type ReasonEvidence = z.infer<typeof ReasonEvidence>;

/** A profile fact that matched the prospect description, with its evidence, so a rep can say why this advocate fits. */
export const MatchReason = z.object({
  field: z.enum(PROFILE_FIELD_NAMES),
  value: z.string(),
  /** The words of the query this fact matched (by word or by meaning). */
  matched: z.array(z.string()),
  /** null: no approved excerpt (the reviewer typed the fact, or it was approved before excerpts were kept). */
  evidence: ReasonEvidence.nullable(),
});
export type MatchReason = z.infer<typeof MatchReason>;

/** Who read the intent: the model (Ollama), the rules (no model, or the model failed: `fallback` says why), or the rep (edited chips). */
export const IntentSource = z.object({
  by: z.enum(['model', 'rules', 'rep']),
  /** The model that read it, when `by` is model. */
  model: z.string().optional(),
  /** Why the rules read it although a model is configured (e.g. "llama3.2 did not answer within 2.5 s"). */
  fallback: z.string().optional(),
});
export type IntentSource = z.infer<typeof IntentSource>;

export const MatchResult = z.object({
  /** The approved profile; its evidence excerpts travel with the reasons they support. */
  advocate: Advocate.omit({ evidence: true }),
  score: z.number(),
  reasons: z.array(MatchReason),
  /** Burnout protection: "2 of 3 this quarter", "Resting until 12 Jan". */
  load: AdvocateLoad,
  /** When the profile was last verified (approval or with the customer) and whether that is stale: the date only. */
  verified: VerifiedHint,
});
export type MatchResult = z.infer<typeof MatchResult>;

export const MatchResponse = z.object({
  results: z.array(MatchResult),
  tookMs: z.number(),
  embedder: z.string(),
  /** How many resting or at-cap advocates were ranked down or hidden (VOUCH_OVERCAP): never silent. */
  burnout: BurnoutSummary,
  /** The intent the results were ranked (and, where pinned, filtered) by: extracted, or as the rep edited it. */
  intent: Intent,
  intentSource: IntentSource,
});
export type MatchResponse = z.infer<typeof MatchResponse>;
