import { OPEN_REQUEST_STATUSES, type RequestList } from '$domain/api/requests';
import type { AdvocateRequest, RequestStatus } from '$domain/request';
import { api, messageOf } from '$lib/api';
import { live } from '$lib/live.svelte';
import { PagedList } from '$lib/paging.svelte';
import { session } from '$lib/session.svelte';

const NO_COUNTS: Record<RequestStatus, number> = { requested: 0, approved: 0, declined: 0, scheduled: 0, completed: 0 };
const CLOSED: RequestStatus[] = ['completed', 'declined'];

/**
 * The requests the signed-in person may see (reps: theirs; managers and admins: all), newest first, in two
 * paged lists: open ones (to decide, waiting, approved or scheduled) and the history (completed, declined),
 * with counts per status from the server. Kept fresh by `request.updated` events from /ws, so a manager's
 * approval shows up on the rep's page.
 */
export class RequestBoard {
  open = new PagedList<AdvocateRequest, RequestList>((cursor) => api.listRequests({ status: OPEN_REQUEST_STATUSES, cursor }));
  done = new PagedList<AdvocateRequest, RequestList>((cursor) => api.listRequests({ status: CLOSED, cursor }));
  counts = $state<Record<RequestStatus, number>>({ ...NO_COUNTS });
  loaded = $state(false);
  error = $state<string | null>(null);
  #listening = false;

  get total(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }

  async refresh(): Promise<void> {
    this.#listen();
    const [open] = await Promise.all([this.open.refresh(), this.done.refresh()]);
    this.counts = open.counts;
    this.loaded = true;
    this.error = null;
  }

  /** Another page of one list. */
  async page(which: 'open' | 'done', cursor: string): Promise<void> {
    try {
      this.counts = (await this[which].go(cursor)).counts;
      this.error = null;
    } catch (err) {
      this.error = messageOf(err);
    }
  }

  /** Put a request the server just answered with in place (after a decision made on this page), then recount. */
  replace(updated: AdvocateRequest): void {
    this.open.replace(updated);
    this.done.replace(updated);
    this.refresh().catch((err) => (this.error = messageOf(err)));
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    live.refreshWhen(
      (e) => e.type === 'request.updated',
      () => {
        if (session.user && session.can('requests:read')) this.refresh().catch((err) => (this.error = messageOf(err)));
      },
      200,
    );
  }
}

export const board = new RequestBoard();
session.onIdentityChange(() => {
  board.open.reset();
  board.done.reset();
  board.counts = { ...NO_COUNTS };
  board.loaded = false;
});

/** `<input type="datetime-local">` value ↔ ISO instant, in the browser's time zone. */
export function toLocalInput(iso: string | null | undefined): string {
  const d = iso ? new Date(iso) : new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
export function fromLocalInput(value: string): string | null {
  const d = new Date(value);
  return value && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
}

export function formatMoney(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }).format(amount);
  } catch {
    return `${currency} ${amount.toLocaleString()}`;
  }
}
