import type { DraftList, DraftSummary } from '$domain/api/drafts';
import type { DraftStatus } from '$domain/draft';
import type { WsEvent } from '$domain/events';
import { api, messageOf } from '$lib/api';
import { live } from '$lib/live.svelte';
import { PagedList } from '$lib/paging.svelte';
import { session } from '$lib/session.svelte';

const NO_COUNTS: Record<DraftStatus, number> = { drafting: 0, ready: 0, approved: 0, rejected: 0, failed: 0 };
const list = (status: DraftStatus) => new PagedList<DraftSummary, DraftList>((cursor) => api.listDrafts({ status: [status], cursor }));

/**
 * The review queue for the whole tab: ready drafts oldest first, plus those still drafting or failed, each
 * a page of 50 at a time with the counts per status from the server. Kept fresh by draft.updated events,
 * so the lists, the counts and j/k navigation stay current.
 */
export class ReviewQueue {
  ready = list('ready');
  drafting = list('drafting');
  failed = list('failed');
  counts = $state<Record<DraftStatus, number>>({ ...NO_COUNTS });
  loaded = $state(false);
  error = $state<string | null>(null);

  #listening = false;

  /** Every list at the page it shows (the first pages at the start). */
  async refresh(): Promise<void> {
    this.#listen();
    const [ready] = await Promise.all([this.ready.refresh(), this.drafting.refresh(), this.failed.refresh()]);
    this.counts = ready.counts;
    this.loaded = true;
    this.error = null;
  }

  /** Refresh once the queue was shown; failures are kept for display, not thrown. */
  async ensure(): Promise<void> {
    if (!this.loaded) await this.refresh();
  }

  /** Shows another page of one list (the Previous/Next of its table). */
  async page(which: 'ready' | 'drafting' | 'failed', cursor: string): Promise<void> {
    try {
      this.counts = (await this[which].go(cursor)).counts;
      this.error = null;
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  /**
   * Position of a draft among the ready drafts and its neighbours, for j/k: within the rows loaded (the
   * page shown, and the pages j added after it), numbered from the start of the queue.
   */
  around(id: string): { position: number; total: number; prev: string | null; next: string | null; last: boolean } {
    const items = this.ready.items;
    const i = items.findIndex((d) => d.id === id);
    const total = this.counts.ready;
    if (i < 0) return { position: 0, total, prev: null, next: items[0]?.id ?? null, last: false };
    return {
      position: this.ready.offset + i + 1,
      total,
      prev: items[i - 1]?.id ?? null,
      next: items[i + 1]?.id ?? null,
      last: i === items.length - 1 && this.ready.nextCursor !== null,
    };
  }

  /** The reader reached the last loaded ready draft: load the next page below it so j goes on. */
  async extendReady(): Promise<void> {
    try {
      await this.ready.extend();
    } catch (err) {
      this.error = messageOf(err);
    }
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
  for (const l of [queue.ready, queue.drafting, queue.failed]) l.reset();
  queue.counts = { ...NO_COUNTS };
  queue.loaded = false;
});
