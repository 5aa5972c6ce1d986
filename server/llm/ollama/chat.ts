import type { ChatResponse, Message, Options } from 'ollama';
import type { OllamaRequest } from './client.js';
import { OllamaStreamError, isStreamCut } from './errors.js';

export interface ChatTurnRequest {
  model: string;
  messages: Message[];
  format: Record<string, unknown>;
  options: Partial<Options>;
  stream: boolean;
  /** Called as streamed text arrives, with the characters and chunks (≈ tokens) generated so far. */
  onChunk?: (generatedChars: number, chunks: number) => void;
}

export interface ChatTurn {
  content: string;
  doneReason?: string;
  promptTokens?: number;
  completionTokens?: number;
  evalDurationMs?: number;
}

/** One /api/chat call, streamed or not, reduced to the reply text and Ollama's counters. */
export async function chatTurn({ client, touch }: OllamaRequest, turn: ChatTurnRequest): Promise<ChatTurn> {
  const { model, messages, format, options } = turn;
  if (!turn.stream) {
    const reply = await client.chat({ model, messages, format, options, stream: false });
    return summarise(reply.message?.content ?? '', reply);
  }

  const stream = await client.chat({ model, messages, format, options, stream: true });
  const parts = stream[Symbol.asyncIterator]();
  let content = '';
  let chunks = 0;
  for (;;) {
    // Only errors from reading the stream are Ollama's; an error from onChunk is the caller's and must
    // not be reported as a model failure.
    const step = await parts.next().catch((err: unknown) => {
      const ollamaSaid = err instanceof Error && err.constructor === Error && !isStreamCut(err);
      throw ollamaSaid ? new OllamaStreamError(err.message) : err;
    });
    if (step.done) throw new Error('Did not receive done response in stream.');
    touch();
    const part = step.value;
    const piece = part.message?.content ?? '';
    if (piece) {
      content += piece;
      chunks += 1;
      turn.onChunk?.(content.length, chunks);
    }
    if (part.done) return summarise(content, part);
  }
}

function summarise(content: string, final: Partial<ChatResponse>): ChatTurn {
  return {
    content,
    doneReason: final.done_reason,
    promptTokens: final.prompt_eval_count,
    completionTokens: final.eval_count,
    // Ollama reports durations in nanoseconds.
    evalDurationMs: typeof final.eval_duration === 'number' ? Math.round(final.eval_duration / 1e6) : undefined,
  };
}
