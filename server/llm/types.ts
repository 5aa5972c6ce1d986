import type { IntentReply } from '../domain/intent.js';
import type { ProfileFields } from '../domain/profile.js';
import type { DraftError, DraftProgress, LlmProvider } from '../domain/draft.js';

/**
 * The ports the rest of the server uses to reach a model. Adapters (Ollama over HTTP, the embedded
 * extractive drafter and local word-vector embedder) implement them. Model/HTTP failures come back as
 * values (`{ ok: false, error }`), never as thrown exceptions, so callers must handle them.
 */

export type DraftOutcome =
  | {
      ok: true;
      profile: ProfileFields;
      /** Supporting excerpts the drafter quoted, by field (optional; the server aligns them to spans itself). */
      excerpts?: Partial<Record<keyof ProfileFields, string[]>>;
      promptId: string;
      promptVersion: string;
      /** Tokens generated / prompt tokens, when the model reports them (Ollama eval_count / prompt_eval_count). */
      usage?: { promptTokens?: number; completionTokens?: number; evalDurationMs?: number };
    }
  | { ok: false; error: DraftError };

export interface DraftRequest {
  /** The interview's normalised text; passed to the model as delimited data, never as instructions. */
  text: string;
  onProgress?: (progress: DraftProgress) => void;
  signal?: AbortSignal;
}

export interface Drafter {
  readonly provider: LlmProvider;
  readonly model: string;
  draft(request: DraftRequest): Promise<DraftOutcome>;
}

export type EmbedOutcome = { ok: true; vectors: Float32Array[] } | { ok: false; error: DraftError };

export interface Embedder {
  /** Stable identifier, e.g. "local:wink-sg-100d+hash/v1" or "ollama:nomic-embed-text"; stored with the index. */
  readonly id: string;
  readonly dim: number;
  /** Embed documents (advocate profiles) for the index. */
  embedDocuments(texts: string[], signal?: AbortSignal): Promise<EmbedOutcome>;
  /** Embed a search query (a prospect description). */
  embedQuery(text: string, signal?: AbortSignal): Promise<EmbedOutcome>;
}

export interface ModelHealth {
  provider: LlmProvider;
  model: string;
  reachable: boolean;
  /** Human-readable problem, e.g. "model llama3.2 is not pulled: run `ollama pull llama3.2`". */
  problem?: string;
}

/** A prospect description as a model reads it (server/domain/intent.ts#IntentReply), or why it could not. */
export type IntentOutcome = { ok: true; reply: IntentReply; ms: number } | { ok: false; error: DraftError };

/** Reads a rep's prospect description into intent fields (Ollama structured output); matching falls back to rules. */
export interface IntentReader {
  readonly model: string;
  readonly promptVersion: string;
  read(text: string, signal?: AbortSignal): Promise<IntentOutcome>;
}
