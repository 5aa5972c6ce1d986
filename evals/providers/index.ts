import type { EvalOptions } from '../lib/args.js';
import type { EvalConfig } from '../lib/config.js';
import { UsageError } from '../lib/errors.js';
import { createExtractiveTarget } from './extractive.js';
import { createOllamaTargets, ollamaHost } from './ollama.js';
import { createReplayTargets } from './replay.js';
import type { EvalTarget } from './types.js';

export type { DraftSample, EvalTarget } from './types.js';

/** The matrix's columns for this invocation. Throws UsageError when a provider cannot run at all. */
export async function createTargets(options: EvalOptions, config: EvalConfig, env: NodeJS.ProcessEnv = process.env): Promise<EvalTarget[]> {
  switch (options.provider) {
    case 'extractive':
      return [createExtractiveTarget(config.catalogue)];
    case 'replay': {
      const specs = options.models.length > 0 ? options.models : config.providers.replay.recordings;
      if (specs.length === 0) throw new UsageError('--provider replay needs recordings: --model <run file or .jsonl>[,…] (or providers.replay.recordings in the config)');
      return createReplayTargets(specs);
    }
    case 'ollama': {
      const { ollama } = config.providers;
      const models = options.models.length > 0 ? options.models : ollama.models.length > 0 ? ollama.models : [env.VOUCH_MODEL?.trim() || 'llama3.2'];
      return createOllamaTargets({
        host: ollamaHost(env),
        models,
        prompt: options.prompt,
        timeoutMs: ollama.timeoutMs,
        maxContextTokens: ollama.maxContextTokens,
        cache: { dir: config.cacheDir, read: options.cache },
      });
    }
  }
}
