import type { AdvocateRequest } from '$domain/request';
import { api, messageOf } from '$lib/api';
import { live } from '$lib/live.svelte';
import { session } from '$lib/session.svelte';

/**
 * The requests the signed-in person may see (reps: theirs; managers and admins: all), newest first. Kept
 * fresh by `request.updated` events from /ws, so a manager's approval shows up on the rep's page.
 */
export class RequestBoard {
  items = $state<AdvocateRequest[]>([]);
  loaded = $state(false);
  error = $state<string | null>(null);
  #listening = false;

  async refresh(): Promise<void> {
    this.#listen();
    const list = await api.listRequests();
    this.items = list.items;
    this.loaded = true;
    this.error = null;
  }

  /** Put a request the server just answered with in place (after a decision made on this page). */
  replace(updated: AdvocateRequest): void {
    const i = this.items.findIndex((r) => r.id === updated.id);
    if (i >= 0) this.items[i] = updated;
    else this.items = [updated, ...this.items];
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
  board.items = [];
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
