import type { CoverageReport } from '$domain/coverage';
import type { StaleList } from '$domain/freshness';
import type { Nomination, NominationList, NominationStatus } from '$domain/nomination';
import type { ValueReport } from '$domain/value';
import { api, messageOf } from '$lib/api';
import { live } from '$lib/live.svelte';
import { PagedList } from '$lib/paging.svelte';
import { session } from '$lib/session.svelte';

const TRIAGE: NominationStatus[] = ['open', 'accepted'];

/**
 * /program as one state for the tab: nominations to triage (open and accepted, oldest first, a page at a
 * time), stale profiles, coverage vs targets and the value report. Nominations refresh by themselves on
 * `nomination.updated` (a rep nominating while the manager has the page open); the other sections after
 * the manager's own changes.
 */
export class ProgramBoard {
  triage = new PagedList<Nomination, NominationList>((cursor) => api.listNominations({ scope: 'all', status: TRIAGE, cursor }));
  /** Per status, over every nomination. */
  counts = $state<NominationList['counts'] | null>(null);
  stale = $state<StaleList | null>(null);
  coverage = $state<CoverageReport | null>(null);
  value = $state<ValueReport | null>(null);
  range = $state<{ from?: string; to?: string }>({});
  error = $state<string | null>(null);
  #listening = false;

  async refresh(): Promise<void> {
    this.#listen();
    const [nominations, stale, coverage, value] = await Promise.all([
      this.triage.refresh(),
      api.staleProfiles(),
      api.coverage(),
      api.valueReport(this.range),
    ]);
    Object.assign(this, { counts: nominations.counts, stale, coverage, value, error: null });
  }

  async refreshNominations(): Promise<void> {
    this.counts = (await this.triage.refresh()).counts;
  }
  async nominationsPage(cursor: string): Promise<void> {
    try {
      this.counts = (await this.triage.go(cursor)).counts;
    } catch (err) {
      this.error = messageOf(err);
    }
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

  /** A nomination the server just answered with, in place; the counts follow. */
  replace(updated: Nomination): void {
    this.triage.replace(updated);
    this.refreshNominations().catch((err) => (this.error = messageOf(err)));
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
session.onIdentityChange(() => {
  board.triage.reset();
  Object.assign(board, { counts: null, stale: null, coverage: null, value: null, error: null });
});

/** The caller's own nominations on /nominate, newest first, kept fresh by `nomination.updated` (a manager's decision). */
export class MyNominations {
  list = new PagedList<Nomination, NominationList>((cursor) => api.listNominations({ cursor }));
  error = $state<string | null>(null);
  #listening = false;

  async refresh(): Promise<void> {
    this.#listen();
    await this.list.refresh();
    this.error = null;
  }

  /** After nominating: the first page, where the new nomination is. */
  async first(): Promise<void> {
    await this.list.go(null);
  }

  async page(cursor: string): Promise<void> {
    try {
      await this.list.go(cursor);
      this.error = null;
    } catch (err) {
      this.error = messageOf(err);
    }
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
session.onIdentityChange(() => {
  mine.list.reset();
  mine.error = null;
});
