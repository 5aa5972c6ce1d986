import type { DraftSummary } from '$domain/api/drafts';
import type { WsEvent } from '$domain/events';
import { api, messageOf } from '$lib/api';
import { live } from '$lib/live.svelte';
import { session } from '$lib/session.svelte';

const oldestFirst = (a: DraftSummary, b: DraftSummary) => a.createdAt.localeCompare(b.createdAt);

/**
 * The review queue for the whole tab: ready drafts oldest first, plus those still drafting or failed.
 * Kept fresh by draft.updated events, so the list, the counts and j/k navigation stay current.
 */
export class ReviewQueue {
  ready = $state<DraftSummary[]>([]);
  drafting = $state<DraftSummary[]>([]);
  failed = $state<DraftSummary[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);

  #listening = false;

  async refresh(): Promise<void> {
    this.#listen();
    const [ready, drafting, failed] = await Promise.all([
      api.listDrafts({ status: ['ready'] }),
      api.listDrafts({ status: ['drafting'] }),
      api.listDrafts({ status: ['failed'] }),
    ]);
    this.ready = ready.items.sort(oldestFirst);
    this.drafting = drafting.items.sort(oldestFirst);
    this.failed = failed.items.sort(oldestFirst);
    this.loaded = true;
    this.error = null;
  }

  /** Refresh once the queue was shown; failures are kept for display, not thrown. */
  async ensure(): Promise<void> {
    if (!this.loaded) await this.refresh();
  }

  /** Position of a draft in the ready queue and its neighbours, for j/k. */
  around(id: string): { position: number; total: number; prev: string | null; next: string | null } {
    const i = this.ready.findIndex((d) => d.id === id);
    const total = this.ready.length;
    if (i < 0) return { position: 0, total, prev: null, next: this.ready[0]?.id ?? null };
    return { position: i + 1, total, prev: this.ready[i - 1]?.id ?? null, next: this.ready[i + 1]?.id ?? null };
  }

  /** After deciding on `id`: the draft to open next (the one after it, else the one before), or null. */
  nextAfter(id: string): string | null {
    const { next, prev } = this.around(id);
    return next ?? prev;
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    // Refresh when a draft changes status (new, ready, failed, decided), not on every progress tick.
    const seen = new Map<string, string>();
    const statusChanged = (e: WsEvent) => {
      if (e.type === 'draft.erased') return true;
      if (e.type !== 'draft.updated' || seen.get(e.draft.id) === e.draft.status) return false;
      seen.set(e.draft.id, e.draft.status);
      return true;
    };
    live.refreshWhen(statusChanged, () => {
      if (session.user && session.can('drafts:read')) this.refresh().catch((err) => (this.error = messageOf(err)));
    });
  }
}

export const queue = new ReviewQueue();
session.onIdentityChange(() => {
  queue.ready = queue.drafting = queue.failed = [];
  queue.loaded = false;
});
