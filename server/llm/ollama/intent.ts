import { IntentReply } from '../../domain/intent.js';
import { loadPrompt, renderSection } from '../prompts.js';
import type { IntentOutcome, IntentReader } from '../types.js';
import { chatTurn } from './chat.js';
import { withOllama } from './client.js';
import { toOllamaFormat } from './format-schema.js';

export interface OllamaIntentOptions {
  host: string;
  model: string;
  /**
   * The whole budget for one reading, in ms. A rep waits for it, so it is short: a slower model is
   * reported as slow and matching uses the rules (VOUCH_INTENT_TIMEOUT_MS).
   */
  timeoutMs: number;
  promptsDir?: string;
}

const PROMPT_ID = 'match-intent';

/**
 * Reads a prospect description with one non-streamed, structured /api/chat call (format = the flat JSON
 * schema of IntentReply, temperature 0) and validates the reply with zod. No repair turn: the rep is
 * waiting, and the rules are a good answer too. Failures come back as values, never thrown.
 */
export function createOllamaIntentReader(options: OllamaIntentOptions): IntentReader {
  const prompt = loadPrompt(PROMPT_ID, options.promptsDir);
  const format = toOllamaFormat(IntentReply);
  const system = renderSection(prompt, 'system', {});
  const conn = { host: options.host, model: options.model, timeoutMs: options.timeoutMs };

  async function read(text: string, signal?: AbortSignal): Promise<IntentOutcome> {
    const started = performance.now();
    const turn = await withOllama(
      conn,
      (request) =>
        chatTurn(request, {
          model: options.model,
          messages: [
            { role: 'system', content: system },
            { role: 'user', content: renderSection(prompt, 'user', { query: text }) },
          ],
          format,
          // A description is a few hundred characters: a small window keeps the call fast.
          options: { temperature: 0, num_ctx: 2048, num_predict: 400 },
          stream: false,
        }),
      signal,
    );
    if (!turn.ok) {
      if (turn.error.code === 'timeout') {
        const s = options.timeoutMs >= 1000 ? `${Math.round(options.timeoutMs / 100) / 10} s` : `${options.timeoutMs} ms`;
        return { ok: false, error: { ...turn.error, message: `${options.model} did not answer within ${s}` } };
      }
      return turn;
    }
    let json: unknown;
    try {
      json = JSON.parse(turn.value.content);
    } catch {
      return { ok: false, error: { code: 'invalid_output', message: `${options.model} replied with something that is not JSON`, retryable: true } };
    }
    const parsed = IntentReply.safeParse(json);
    if (!parsed.success) {
      const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.') || 'reply').join(', ');
      return { ok: false, error: { code: 'invalid_output', message: `${options.model}'s reply does not match the intent schema (${where})`, retryable: true } };
    }
    return { ok: true, reply: parsed.data, ms: performance.now() - started };
  }

  return { model: options.model, promptVersion: prompt.version, read };
}
