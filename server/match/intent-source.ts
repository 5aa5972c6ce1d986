import type { IntentSource } from '../domain/api/match.js';
import { extractIntent, intentFromModel, type Intent } from '../domain/intent.js';
import type { IntentReader } from '../llm/types.js';

export type ResolvedIntent = { intent: Intent; source: IntentSource };

/** Readings kept per description (temperature 0: the same text reads the same); failures are never kept. */
const MAX_CACHED = 500;
/** After this many failed readings in a row the model is left alone for a while: each one made a rep wait. */
const FAILURES_TO_PAUSE = 3;
export const PAUSE_MS = 60_000;

/**
 * Who reads the rep's description: the chips as the rep edited them; else the model when one is configured
 * (Ollama, structured output); else — or when the model fails or is slow — the rules, saying why. A model
 * that failed three times running is skipped for a minute, so a stalled Ollama does not cost every search
 * its timeout.
 */
export function createIntentResolver(deps: {
  reader?: IntentReader;
  products?: string[];
  log: { warn?: (msg: string) => void; info: (msg: string) => void };
  now?: () => number;
}) {
  const cache = new Map<string, Intent>();
  const now = deps.now ?? Date.now;
  const rules = (query: string) => extractIntent(query, { products: deps.products });
  let failures = 0;
  let lastProblem = '';
  let pausedUntil = 0;

  return async function resolve(query: string, edited?: Intent): Promise<ResolvedIntent> {
    if (edited) return { intent: edited, source: { by: 'rep' } };
    const reader = deps.reader;
    if (!reader) return { intent: rules(query), source: { by: 'rules' } };
    const key = query.trim().replace(/\s+/g, ' ');
    const known = cache.get(key);
    if (known) return { intent: known, source: { by: 'model', model: reader.model } };
    if (now() < pausedUntil) {
      const fallback = `${reader.model} failed ${FAILURES_TO_PAUSE} readings in a row (last: ${lastProblem}); not asked again until ${new Date(pausedUntil).toISOString().slice(11, 19)} UTC`;
      return { intent: rules(query), source: { by: 'rules', fallback } };
    }
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
        failures = 0;
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
        cache.set(key, parsed);
        return { intent: parsed, source: { by: 'model', model: reader.model } };
      }
      fallback = `${reader.model}'s reading had values out of bounds`;
    } else {
      fallback = read.error.message;
    }
    failures += 1;
    lastProblem = fallback;
    if (failures >= FAILURES_TO_PAUSE) {
      pausedUntil = now() + PAUSE_MS;
      failures = 0;
    }
    (deps.log.warn ?? deps.log.info)(`intent by rules: ${fallback}`);
    return { intent: rules(query), source: { by: 'rules', fallback } };
  };
}
