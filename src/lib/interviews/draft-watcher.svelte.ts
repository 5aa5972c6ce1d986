import type { DraftDetail } from '$domain/api/drafts';
import type { DraftError, DraftProgress, DraftStatus } from '$domain/draft';
import { api, messageOf } from '$lib/api';
import { live, type DraftUpdate } from '$lib/live.svelte';

const RANK: Record<DraftStatus, number> = { drafting: 0, ready: 1, failed: 1, approved: 2, rejected: 2 };
const POLL_MS = 4000;

/**
 * Follows one draft while it is written: status and progress from the websocket, the full draft (drafter,
 * error, profile) from GET /api/drafts/:id when it settles, after a reconnect, and by polling only while the
 * live connection is down. A late HTTP answer never moves the status backwards.
 */
export class DraftWatcher {
  readonly id: string;
  status = $state<DraftStatus>('drafting');
  progress = $state<DraftProgress | undefined>(undefined);
  detail = $state<DraftDetail | null>(null);
  loadError = $state<string | null>(null);
  /** Why the draft failed, from the websocket event or the refetched draft. */
  error = $state<DraftError | null>(null);
  retrying = $state(false);

  #cleanup: (() => void)[] = [];

  constructor(id: string, status: DraftStatus) {
    this.id = id;
    this.status = status;
  }

  get settled(): boolean {
    return this.status !== 'drafting';
  }

  start(): void {
    this.stop();
    this.#cleanup.push(live.watchDraft(this.id, (u) => this.#onUpdate(u)));
    this.#cleanup.push(live.onReconnect(() => void this.refresh()));
    const timer = setInterval(() => {
      if (!this.settled && live.state !== 'open') void this.refresh();
    }, POLL_MS);
    this.#cleanup.push(() => clearInterval(timer));
    void this.refresh();
  }

  stop(): void {
    for (const fn of this.#cleanup.splice(0)) fn();
  }

  async refresh(): Promise<void> {
    try {
      const d = await api.getDraft(this.id);
      this.loadError = null;
      if (RANK[d.status] < RANK[this.status]) return; // an older answer than the last event
      this.detail = d;
      this.status = d.status;
      this.error = d.error;
      if (d.progress) this.progress = d.progress;
    } catch (err) {
      this.loadError = messageOf(err);
    }
  }

  async retry(): Promise<void> {
    this.retrying = true;
    try {
      await api.retryDraft(this.id);
      this.status = 'drafting';
      this.progress = { stage: 'queued' };
      this.detail = this.detail ? { ...this.detail, status: 'drafting', error: null } : null;
      this.error = null;
      this.loadError = null;
    } catch (err) {
      this.loadError = messageOf(err);
    } finally {
      this.retrying = false;
    }
  }

  #onUpdate(u: DraftUpdate): void {
    // Websocket events arrive in order, so they always win.
    const changed = u.status !== this.status;
    this.status = u.status;
    if (u.progress) this.progress = u.progress;
    // The failure reason travels with the event, so the page can say it before the refetch lands.
    if (u.error) this.error = u.error;
    if (this.settled && (changed || !this.detail || this.detail.status !== u.status)) void this.refresh();
  }
}
