import type { IntentSource } from '../domain/api/match.js';
import { extractIntent, intentFromModel, type Intent } from '../domain/intent.js';
import type { IntentReader } from '../llm/types.js';

export type ResolvedIntent = { intent: Intent; source: IntentSource };

/** Readings kept per description (temperature 0: the same text reads the same); failures are never kept. */
const MAX_CACHED = 500;

/**
 * Who reads the rep's description: the chips as the rep edited them; else the model when one is configured
 * (Ollama, structured output); else — or when the model fails or is slow — the rules, saying why.
 */
export function createIntentResolver(deps: {
  reader?: IntentReader;
  products?: string[];
  log: { warn?: (msg: string) => void; info: (msg: string) => void };
}) {
  const cache = new Map<string, Intent>();
  const rules = (query: string) => extractIntent(query, { products: deps.products });

  return async function resolve(query: string, edited?: Intent): Promise<ResolvedIntent> {
    if (edited) return { intent: edited, source: { by: 'rep' } };
    const reader = deps.reader;
    if (!reader) return { intent: rules(query), source: { by: 'rules' } };
    const key = query.trim().replace(/\s+/g, ' ');
    const known = cache.get(key);
    if (known) return { intent: known, source: { by: 'model', model: reader.model } };
    const read = await reader.read(query);
    let fallback: string;
    if (read.ok) {
      const parsed = (() => {
        try {
          return intentFromModel(read.reply);
        } catch {
          return undefined;
        }
      })();
      if (parsed) {
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
        cache.set(key, parsed);
        return { intent: parsed, source: { by: 'model', model: reader.model } };
      }
      fallback = `${reader.model}'s reading had values out of bounds`;
    } else {
      fallback = read.error.message;
    }
    (deps.log.warn ?? deps.log.info)(`intent by rules: ${fallback}`);
    return { intent: rules(query), source: { by: 'rules', fallback } };
  };
}
