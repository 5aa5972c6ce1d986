import { MatchBody, type IntentSource, type MatchResponse } from '$domain/api/match';
import type { Intent, PinnedField } from '$domain/intent';
import { api, messageOf } from '$lib/api';
import { session } from '$lib/session.svelte';

/** The rep's last search, kept for the tab so going to an advocate and back shows the same results. */
export class MatchSearch {
  query = $state('');
  response = $state<MatchResponse | null>(null);
  /** The query the shown results are for. */
  searchedFor = $state('');
  busy = $state(false);
  queryError = $state<string | null>(null);
  error = $state<string | null>(null);
  /** Region/language chips the rep pinned as hard filters; kept across searches until unpinned. */
  pinned = $state<PinnedField[]>([]);
  /** Who read the description when it was searched (the model or the rules); chips edited since are the rep's. */
  intentSource = $state<{ read: IntentSource; edited: boolean } | null>(null);
  #abort: AbortController | null = null;

  /** Searches again for the same description with the chips as the rep edited them. */
  async refine(intent: Intent, pinned: PinnedField[]): Promise<void> {
    this.pinned = pinned;
    await this.run(intent, this.searchedFor || this.query);
  }

  /** A new description is read afresh (no `intent`); chips the rep edited are passed as `intent`. */
  async run(intent?: Intent, query = this.query): Promise<void> {
    this.error = null;
    const parsed = MatchBody.safeParse({ query });
    this.queryError = parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Describe the prospect');
    if (!parsed.success) return;
    this.#abort?.abort();
    const abort = (this.#abort = new AbortController());
    this.busy = true;
    try {
      const pinned = this.pinned.length ? { pinned: [...this.pinned] } : {};
      const res = await api.match({ query: parsed.data.query, limit: 10, ...(intent ? { intent } : {}), ...pinned }, abort.signal);
      this.response = res;
      this.searchedFor = parsed.data.query;
      this.intentSource = intent && this.intentSource ? { ...this.intentSource, edited: true } : { read: res.intentSource, edited: false };
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') return;
      const issue = (err as { issueFor?: (f: string) => string | undefined }).issueFor?.('query');
      if (issue) this.queryError = issue;
      else this.error = messageOf(err);
    } finally {
      if (this.#abort === abort) {
        this.busy = false;
        this.#abort = null;
      }
    }
  }
}

export const search = new MatchSearch();
session.onIdentityChange(() => {
  search.query = search.searchedFor = '';
  search.response = search.intentSource = null;
  search.queryError = search.error = null;
  search.pinned = [];
});
