import type { Message } from 'ollama';
import type { DraftError, DraftProgress } from '../../domain/draft.js';
import { loadPrompt, renderSection } from '../prompts.js';
import type { DraftOutcome, DraftRequest, Drafter } from '../types.js';
import { chatTurn, type ChatTurn } from './chat.js';
import { withOllama, type OllamaConnection, type OllamaResult } from './client.js';
import { DraftReply, parseDraftReply } from './draft-reply.js';
import { toOllamaFormat } from './format-schema.js';
import { NO_RETRIES, withRetries, type RetryPolicy } from './retry.js';

export interface OllamaDrafterOptions extends OllamaConnection {
  model: string;
  /** Stream the reply to report progress (default). Turn off behind a proxy that buffers streams. */
  stream?: boolean;
  /** The largest context window to ask Ollama for, in tokens (default 32,768). */
  maxContextTokens?: number;
  promptsDir?: string;
  /** Retries of transient failures, per chat turn (default: none; the app passes VOUCH_LLM_RETRIES). */
  retry?: RetryPolicy;
}

const PROMPT_ID = 'draft-profile';
// Ollama reloads a model whenever num_ctx changes, so windows come in a few fixed sizes, not per draft.
const CONTEXT_STEPS = [8192, 16384, 32768, 65536, 131072];
// Deliberately pessimistic (English averages ~4): names, numbers and punctuation cost more tokens.
const CHARS_PER_TOKEN = 3;

export function createOllamaDrafter(options: OllamaDrafterOptions): Drafter {
  const { model, stream = true, maxContextTokens = 32768, retry = NO_RETRIES } = options;
  // Read once: a missing or broken prompt file is a deployment defect and should fail at start-up.
  const prompt = loadPrompt(PROMPT_ID, options.promptsDir);
  const format = toOllamaFormat(DraftReply);
  const conn = { host: options.host, timeoutMs: options.timeoutMs, model };

  async function draft({ text, onProgress, signal }: DraftRequest): Promise<DraftOutcome> {
    const system = renderSection(prompt, 'system', {});
    const user = renderSection(prompt, 'user', { notes: text });
    const expectedChars = expectedReplyChars(text.length);
    const messages: Message[] = [
      { role: 'system', content: system },
      { role: 'user', content: user },
    ];
    const turn = async (msgs: Message[], label: string): Promise<OllamaResult<ChatTurn>> => {
      const promptChars = msgs.reduce((n, m) => n + m.content.length, 0);
      const numCtx = contextWindow(promptChars + expectedChars, maxContextTokens);
      if (typeof numCtx !== 'number') return { ok: false, error: numCtx };
      const attempt = () =>
        withOllama(
          conn,
          (request) =>
            chatTurn(request, {
              model,
              messages: msgs,
              format,
              // temperature 0: the same notes should give the same draft, and extraction needs no creativity.
              options: { temperature: 0, num_ctx: numCtx },
              stream,
              onChunk: onProgress && reporter(onProgress, expectedChars, label),
            }),
          signal,
        );
      return withRetries(retry, attempt, {
        signal,
        onRetry: ({ retry: n, of, delayMs, error }) =>
          onProgress?.({ stage: 'drafting', fraction: 0, message: `${error.message}; retry ${n} of ${of} in ${seconds(delayMs)}` }),
      });
    };

    const first = await turn(messages, '');
    if (!first.ok) return { ok: false, error: first.error };
    let parsed = parseDraftReply(first.value.content);
    let turns: ChatTurn[] = [first.value];

    if (!parsed.ok) {
      // One repair: show the model its reply and what is wrong with it. A second rarely helps a small model.
      const repair = await turn(
        [
          ...messages,
          { role: 'assistant', content: first.value.content },
          { role: 'user', content: renderSection(prompt, 'repair', { problem: parsed.problem }) },
        ],
        'correcting: ',
      );
      if (!repair.ok) return { ok: false, error: repair.error };
      parsed = parseDraftReply(repair.value.content);
      turns = [...turns, repair.value];
      if (!parsed.ok) {
        const cut = repair.value.doneReason === 'length' ? ' (the reply hit the length limit)' : '';
        return {
          ok: false,
          error: {
            code: 'invalid_output',
            message: `${model} did not return a usable profile after one correction: ${parsed.problem}${cut}`,
            retryable: true,
          },
        };
      }
    }

    const usage = sumUsage(turns);
    const tokens = usage.completionTokens;
    onProgress?.({ stage: 'drafting', fraction: 1, message: tokens === undefined ? undefined : `${tokens} tokens` });
    return {
      ok: true,
      profile: parsed.profile,
      excerpts: parsed.excerpts,
      promptId: prompt.id,
      promptVersion: prompt.version,
      usage,
    };
  }

  return { provider: 'ollama', model, draft };
}

/**
 * The reply's expected size, for the progress estimate only: the profile plus verbatim excerpts tend to
 * copy a good part of the notes, with a floor for the JSON keys and a ceiling so long notes still move.
 */
function expectedReplyChars(notesChars: number): number {
  return Math.min(12000, Math.max(1500, 1200 + Math.round(notesChars * 0.6)));
}

/**
 * Picks num_ctx for prompt + reply. Ollama silently drops the start of a prompt that does not fit, which
 * here would drop the instructions or notes, so a too-long input is refused instead.
 */
function contextWindow(totalChars: number, max: number): number | DraftError {
  const needed = Math.ceil(totalChars / CHARS_PER_TOKEN) + 256;
  const window = CONTEXT_STEPS.find((size) => size >= needed && size <= max);
  if (window !== undefined) return window;
  if (needed <= max) return max;
  return {
    code: 'model_error',
    message: `The notes are too long for one draft: about ${needed} tokens with the reply, over the ${max}-token limit`,
    retryable: false,
  };
}

function reporter(onProgress: (p: DraftProgress) => void, expectedChars: number, label: string) {
  let lastPercent = -1;
  // Report on each new percent, not each token: a draft is thousands of tokens and each event goes to a UI.
  return (chars: number, chunks: number) => {
    const fraction = Math.min(0.99, chars / expectedChars);
    const percent = Math.floor(fraction * 100);
    if (percent === lastPercent) return;
    lastPercent = percent;
    onProgress({ stage: 'drafting', fraction, message: `${label}${chunks} tokens` });
  };
}

function sumUsage(turns: ChatTurn[]): NonNullable<Extract<DraftOutcome, { ok: true }>['usage']> {
  const sum = (pick: (t: ChatTurn) => number | undefined) =>
    turns.some((t) => pick(t) !== undefined) ? turns.reduce((n, t) => n + (pick(t) ?? 0), 0) : undefined;
  return {
    promptTokens: sum((t) => t.promptTokens),
    completionTokens: sum((t) => t.completionTokens),
    evalDurationMs: sum((t) => t.evalDurationMs),
  };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}
