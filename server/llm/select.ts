import type { Config } from '../config.js';
import { createExtractiveDrafter } from './extractive/index.js';
import { createLocalEmbedder } from './local/index.js';
import { checkOllama } from './ollama/health.js';
import { createOllamaDrafter } from './ollama/drafter.js';
import { createOllamaEmbedder } from './ollama/embedder.js';
import { createOllamaIntentReader } from './ollama/intent.js';
import type { Drafter, Embedder, IntentReader, ModelHealth } from './types.js';

type Log = { info: (msg: string) => void; warn: (msg: string) => void };

/**
 * Chooses the drafter and the embedder once at start. `auto` uses Ollama when it answers at OLLAMA_HOST,
 * otherwise the embedded (no-LLM) defaults — and says so in the log, /api/health and every draft.
 */
export async function selectModels(config: Config, log: Log): Promise<{
  drafter: Drafter;
  embedder: Embedder;
  /** Reads prospect descriptions on /match; absent: the rules do (no model, or VOUCH_INTENT=rules). */
  intentReader?: IntentReader;
  health: () => Promise<ModelHealth>;
}> {
  const wantsOllama = config.llm !== 'extractive' || config.embedder === 'ollama' || config.intent.mode === 'ollama';
  const probe = wantsOllama
    ? await checkOllama({ host: config.ollamaHost, model: config.model, timeoutMs: 2000 })
    : undefined;

  let drafter: Drafter;
  let health: () => Promise<ModelHealth>;
  let intentReader: IntentReader | undefined;
  if (config.llm === 'ollama' || (config.llm === 'auto' && probe?.reachable)) {
    drafter = createOllamaDrafter({ host: config.ollamaHost, model: config.model, timeoutMs: config.llmTimeoutMs, retry: config.llmRetry });
    health = liveOllamaHealth(config);
    log.info(`drafting with Ollama at ${config.ollamaHost}, model ${config.model}${probe?.problem ? ` (${probe.problem})` : ''}`);
  } else {
    drafter = createExtractiveDrafter({ products: config.products });
    const fixed: ModelHealth = { provider: 'extractive', model: drafter.model, reachable: true };
    health = async () => fixed;
    log.info(
      config.llm === 'auto'
        ? `Ollama not reachable at ${config.ollamaHost}: drafting with the embedded extractive drafter (no LLM)`
        : 'drafting with the embedded extractive drafter (no LLM)',
    );
  }

  // Intent on /match: by the model when it drafts (auto) or when asked for (ollama); each search falls back
  // to the rules by itself when the model fails or is slow, so an unreachable Ollama costs one timeout.
  if (config.intent.mode === 'ollama' || (config.intent.mode === 'auto' && drafter.provider === 'ollama')) {
    intentReader = createOllamaIntentReader({ host: config.ollamaHost, model: config.model, timeoutMs: config.intent.timeoutMs });
    log.info(`reading prospect intent with ${config.model} (the rules when it fails or takes over ${config.intent.timeoutMs} ms)`);
  }

  let embedder: Embedder | undefined;
  const embedModelPulled = probe?.reachable && probe.models.some((m) => m === config.embedModel || m.startsWith(`${config.embedModel}:`));
  if (config.embedder === 'ollama' || (config.embedder === 'auto' && embedModelPulled)) {
    const r = await createOllamaEmbedder({ host: config.ollamaHost, model: config.embedModel, timeoutMs: 60_000, retry: config.llmRetry });
    if (r.ok) embedder = r.embedder;
    else if (config.embedder === 'ollama') throw new Error(`Cannot use Ollama embeddings: ${r.error.message}`);
    else log.warn(`Ollama embeddings unavailable (${r.error.message}); using the local embedder`);
  }
  if (!embedder) {
    let lastPct = -1;
    embedder = await createLocalEmbedder({
      cacheDir: config.vectorCacheDir,
      onProgress: (fraction, message) => {
        const pct = Math.floor(fraction * 10) * 10;
        if (pct !== lastPct) {
          lastPct = pct;
          log.info(`${message} ${pct}%`);
        }
      },
    });
  }
  log.info(`embedding with ${embedder.id} (${embedder.dim} dimensions)`);
  return { drafter, embedder, intentReader, health };
}

/** Ollama can stop or lose a model while Vouch runs: /api/health asks it again, at most every 10 s. */
function liveOllamaHealth(config: Config): () => Promise<ModelHealth> {
  let cached: { at: number; value: Promise<ModelHealth> } | undefined;
  return () => {
    if (!cached || Date.now() - cached.at > 10_000) {
      const value = checkOllama({ host: config.ollamaHost, model: config.model, timeoutMs: 1500 }).then(
        (h): ModelHealth => ({ provider: 'ollama', model: config.model, reachable: h.reachable, problem: h.problem }),
      );
      cached = { at: Date.now(), value };
    }
    return cached.value;
  };
}
