import type { HealthResponse } from '$domain/api/health';
import { api } from '$lib/api';

/** GET /api/health, for the header pill: which drafter and embedder this instance uses. */
export class Health {
  data = $state<HealthResponse | null>(null);
  failed = $state(false);

  async refresh(): Promise<void> {
    try {
      this.data = await api.health();
      this.failed = false;
    } catch {
      this.failed = true;
    }
  }

  /** "Embedded drafter · no LLM" or "Ollama · llama3.2". */
  get label(): string {
    if (this.failed) return 'Server unreachable';
    if (!this.data) return 'Checking…';
    const { llm } = this.data;
    if (llm.provider === 'extractive') return 'Embedded drafter · no LLM';
    return `Ollama · ${llm.model}${llm.reachable ? '' : ' · unreachable'}`;
  }

  get tone(): 'ok' | 'warn' | 'neutral' {
    if (this.failed || (this.data && !this.data.llm.reachable && this.data.llm.provider === 'ollama')) return 'warn';
    return this.data?.llm.provider === 'ollama' ? 'ok' : 'neutral';
  }

  get detail(): string {
    if (this.failed) return 'The Vouch server did not answer the health check.';
    if (!this.data) return '';
    const { llm, embedder, index } = this.data;
    const drafter =
      llm.provider === 'extractive'
        ? 'Drafts are written by the embedded extractive drafter (rules over the notes, no LLM).'
        : `Drafts are written by Ollama with ${llm.model}.`;
    return [drafter, llm.problem, `Search embedder: ${embedder.id} (${embedder.dim} dimensions).`, `${index.advocates} advocates indexed.`]
      .filter(Boolean)
      .join(' ');
  }
}

export const health = new Health();

/** How a draft names its author, on the interview and review pages. */
export function drafterLabel(provider: 'ollama' | 'extractive', model: string): string {
  return provider === 'extractive' ? 'Drafted by the embedded extractive drafter (no LLM)' : `Drafted by Ollama · ${model}`;
}
