import type { CoverageReport } from '$domain/coverage';
import type { StaleList } from '$domain/freshness';
import type { Nomination, NominationList } from '$domain/nomination';
import type { ValueReport } from '$domain/value';
import { api, messageOf } from '$lib/api';
import { live } from '$lib/live.svelte';
import { session } from '$lib/session.svelte';

/**
 * /program as one state for the tab: nominations to triage, stale profiles, coverage vs targets and the
 * value report. Nominations refresh by themselves on `nomination.updated` (a rep nominating while the
 * manager has the page open); the other sections after the manager's own changes.
 */
export class ProgramBoard {
  nominations = $state<NominationList | null>(null);
  stale = $state<StaleList | null>(null);
  coverage = $state<CoverageReport | null>(null);
  value = $state<ValueReport | null>(null);
  range = $state<{ from?: string; to?: string }>({});
  error = $state<string | null>(null);
  #listening = false;

  /** Open and accepted nominations: what still needs the manager (accepted ones: the interview). */
  get triage(): Nomination[] {
    return (this.nominations?.items ?? []).filter((n) => n.status === 'open' || n.status === 'accepted');
  }

  async refresh(): Promise<void> {
    this.#listen();
    const [nominations, stale, coverage, value] = await Promise.all([
      api.listNominations({ scope: 'all' }),
      api.staleProfiles(),
      api.coverage(),
      api.valueReport(this.range),
    ]);
    Object.assign(this, { nominations, stale, coverage, value, error: null });
  }

  async refreshNominations(): Promise<void> {
    this.nominations = await api.listNominations({ scope: 'all' });
  }
  async refreshStale(): Promise<void> {
    this.stale = await api.staleProfiles();
  }
  async refreshCoverage(): Promise<void> {
    this.coverage = await api.coverage();
  }
  async refreshValue(range: { from?: string; to?: string }): Promise<void> {
    this.value = await api.valueReport(range);
    this.range = { from: this.value.from, to: this.value.to };
  }

  /** A nomination the server just answered with, in place. */
  replace(updated: Nomination): void {
    if (!this.nominations) return;
    const i = this.nominations.items.findIndex((n) => n.id === updated.id);
    if (i >= 0) this.nominations.items[i] = updated;
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    live.refreshWhen(
      (e) => e.type === 'nomination.updated',
      () => {
        if (session.can('program:manage')) this.refreshNominations().catch((err) => (this.error = messageOf(err)));
      },
      200,
    );
  }
}

export const board = new ProgramBoard();
session.onIdentityChange(() => Object.assign(board, { nominations: null, stale: null, coverage: null, value: null, error: null }));

/** The caller's own nominations on /nominate, kept fresh by `nomination.updated` (a manager's decision). */
export class MyNominations {
  list = $state<NominationList | null>(null);
  error = $state<string | null>(null);
  #listening = false;

  async refresh(): Promise<void> {
    this.#listen();
    this.list = await api.listNominations();
    this.error = null;
  }

  #listen(): void {
    if (this.#listening) return;
    this.#listening = true;
    live.refreshWhen(
      (e) => e.type === 'nomination.updated',
      () => {
        if (session.user) this.refresh().catch((err) => (this.error = messageOf(err)));
      },
      200,
    );
  }
}

export const mine = new MyNominations();
session.onIdentityChange(() => Object.assign(mine, { list: null, error: null }));
