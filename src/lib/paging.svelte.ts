import type { PageInfo } from '$domain/paging';

/** A page as every list route answers it (server/domain/paging.ts). */
export type Page<T> = PageInfo & { items: T[] };

/**
 * One paged list held in a tab (the review queue, requests, nominations): the rows shown, where they start,
 * and the cursors of the neighbouring pages. `fetch` asks the server for the page at a cursor (null: the
 * first). Refreshing keeps the reader where they are: the same cursor is asked again.
 */
export class PagedList<T extends { id: string }, P extends Page<T> = Page<T>> {
  items = $state<T[]>([]);
  total = $state(0);
  offset = $state(0);
  nextCursor = $state<string | null>(null);
  prevCursor = $state<string | null>(null);
  /** The whole last answer, for what a list route adds to its page (counts). */
  last = $state<P | null>(null);
  #cursor: string | null = null;
  #fetch: (cursor: string | null) => Promise<P>;

  constructor(fetch: (cursor: string | null) => Promise<P>) {
    this.#fetch = fetch;
  }

  get info(): PageInfo {
    return { total: this.total, offset: this.offset, nextCursor: this.nextCursor, prevCursor: this.prevCursor };
  }

  /** Shows the page at `cursor` (null: the first page). */
  async go(cursor: string | null): Promise<P> {
    const page = await this.#fetch(cursor);
    this.#cursor = cursor;
    this.#show(page);
    return page;
  }

  /** The page being read, again (after a change here or an event from elsewhere). */
  refresh(): Promise<P> {
    return this.go(this.#cursor);
  }

  /** Adds the next page's rows below these (j/k in the review queue walks on past a page's end). */
  async extend(): Promise<boolean> {
    if (!this.nextCursor) return false;
    const page = await this.#fetch(this.nextCursor);
    const seen = new Set(this.items.map((i) => i.id));
    this.items = [...this.items, ...page.items.filter((i) => !seen.has(i.id))];
    this.total = page.total;
    this.nextCursor = page.nextCursor;
    this.last = page;
    return true;
  }

  /** A row the server just answered with, in place (after a decision made on this page). */
  replace(updated: T): void {
    const i = this.items.findIndex((x) => x.id === updated.id);
    if (i >= 0) this.items[i] = updated;
  }

  reset(): void {
    this.#cursor = null;
    this.#show({ items: [], total: 0, offset: 0, nextCursor: null, prevCursor: null } as unknown as P);
    this.last = null;
  }

  #show(page: P): void {
    this.items = page.items;
    this.total = page.total;
    this.offset = page.offset;
    this.nextCursor = page.nextCursor;
    this.prevCursor = page.prevCursor;
    this.last = page;
  }
}
