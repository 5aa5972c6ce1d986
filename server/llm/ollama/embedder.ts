import type { DraftError } from '../../domain/draft.js';
import type { EmbedOutcome, Embedder } from '../types.js';
import { chunkText, meanPool } from './chunking.js';
import { withOllama, type OllamaConnection, type OllamaResult } from './client.js';
import { embedModelTraits } from './embed-models.js';
import { NO_RETRIES, withRetries, type RetryPolicy } from './retry.js';

export interface OllamaEmbedderOptions extends OllamaConnection {
  model: string;
  /** Inputs per /api/embed call (default 16): enough to amortise a call, few enough to finish within the timeout. */
  batchSize?: number;
  /**
   * Retries for transient failures (Ollama restarting, a 5xx, a cut connection), per batch. Indexing an
   * approved profile uses all of them; a rep's search query at most one, since the rep is waiting.
   */
  retry?: RetryPolicy;
}

export type OllamaEmbedderResult = { ok: true; embedder: Embedder } | { ok: false; error: DraftError };

/**
 * An Embedder over /api/embed. Probes the model once to learn its dimension (and to fail early with a
 * clear message when it is not pulled), so the index can record `ollama:<model>` + dim before any write.
 */
export async function createOllamaEmbedder(options: OllamaEmbedderOptions): Promise<OllamaEmbedderResult> {
  const { model, batchSize = 16, retry = NO_RETRIES } = options;
  const queryRetry: RetryPolicy = { ...retry, retries: Math.min(retry.retries, 1) };
  const conn = { host: options.host, timeoutMs: options.timeoutMs, model };
  const traits = embedModelTraits(model);

  async function embedBatches(inputs: string[], policy: RetryPolicy, signal?: AbortSignal): Promise<OllamaResult<number[][]>> {
    const vectors: number[][] = [];
    for (let start = 0; start < inputs.length; start += batchSize) {
      const input = inputs.slice(start, start + batchSize);
      const batch = await withRetries(
        policy,
        () =>
          withOllama(
            conn,
            // truncate: false — by default Ollama cuts an over-long input without saying so; we chunk instead
            // and want an error if a chunk is still too long.
            async ({ client }) => (await client.embed({ model, input, truncate: false })).embeddings,
            signal,
          ),
        { signal },
      );
      if (!batch.ok) return batch;
      if (!Array.isArray(batch.value) || batch.value.length !== input.length) {
        return modelError(`Ollama returned ${batch.value?.length ?? 0} embeddings for ${input.length} inputs`);
      }
      vectors.push(...batch.value);
    }
    return { ok: true, value: vectors };
  }

  const probe = await embedBatches([`${traits.queryPrefix}dimension probe`], retry);
  if (!probe.ok) return probe;
  const dim = probe.value[0]?.length ?? 0;
  if (dim === 0) return modelError(`${model} returned an empty embedding: is it an embedding model?`);

  async function embed(texts: string[], prefix: string, policy: RetryPolicy, signal?: AbortSignal): Promise<EmbedOutcome> {
    const owners: number[] = [];
    const inputs: string[] = [];
    texts.forEach((text, owner) => {
      for (const chunk of chunkText(text, traits.maxChunkChars - prefix.length)) {
        owners.push(owner);
        inputs.push(prefix + chunk);
      }
    });
    const result = await embedBatches(inputs, policy, signal);
    if (!result.ok) return result;
    const wrong = result.value.find((vector) => vector.length !== dim);
    if (wrong) return modelError(`${model} returned ${wrong.length} dimensions, not ${dim}: did the model change?`);
    const byText = texts.map((): number[][] => []);
    result.value.forEach((vector, i) => byText[owners[i]].push(vector));
    return { ok: true, vectors: byText.map((chunks) => meanPool(chunks, dim)) };
  }

  return {
    ok: true,
    embedder: {
      id: `ollama:${model}`,
      dim,
      embedDocuments: (texts, signal) => embed(texts, traits.documentPrefix, retry, signal),
      embedQuery: (text, signal) => embed([text], traits.queryPrefix, queryRetry, signal),
    },
  };
}

function modelError(message: string): { ok: false; error: DraftError } {
  return { ok: false, error: { code: 'model_error', message, retryable: true } };
}
