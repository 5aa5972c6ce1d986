import { WsEvent } from '$domain/events';

export type DraftUpdate = Extract<WsEvent, { type: 'draft.updated' }>['draft'];
type Listener = (event: WsEvent) => void;

const MAX_BACKOFF_MS = 15_000;

/**
 * The browser end of /ws: one connection per signed-in tab, reconnecting with capped exponential backoff.
 * Messages are parsed with the shared WsEvent schema. Because a draft can finish before a page knows its id,
 * the last update per draft is kept (`lastDraftUpdate`). After a reconnect, `onReconnect` listeners refetch
 * whatever they show, since events sent while disconnected are lost.
 */
export class LiveEvents {
  /**
   * @param path the websocket path
   * @param companions channels opened and closed together with this one (the session drives `live` only)
   */
  constructor(
    readonly path = '/ws',
    private readonly companions: LiveEvents[] = [],
  ) {}

  /** 'open' while events flow; the header shows a hint when it is not. */
  state = $state<'idle' | 'connecting' | 'open' | 'reconnecting'>('idle');

  #ws: WebSocket | null = null;
  #wanted = false;
  #attempt = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #everOpened = false;
  #listeners = new Set<Listener>();
  #reconnectListeners = new Set<() => void>();
  #drafts = new Map<string, DraftUpdate>();
  #authLost: (() => void) | null = null;

  /** Called when the server closes the socket for lack of a session (code 4401) instead of reconnecting. */
  onAuthLost(handler: () => void): void {
    this.#authLost = handler;
  }

  connect(): void {
    for (const c of this.companions) c.connect();
    this.#wanted = true;
    if (this.#ws || typeof WebSocket === 'undefined') return;
    this.#open();
  }

  disconnect(): void {
    for (const c of this.companions) c.disconnect();
    this.#wanted = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const ws = this.#ws;
    this.#ws = null;
    ws?.close(1000, 'signed out');
    this.#everOpened = false;
    this.#drafts.clear();
    this.state = 'idle';
  }

  /** Every event; returns the unsubscribe function (use it as an $effect teardown). */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Updates of one draft, starting with the last one already received, if any. */
  watchDraft(id: string, listener: (draft: DraftUpdate) => void): () => void {
    const last = this.#drafts.get(id);
    if (last) queueMicrotask(() => listener(last));
    return this.subscribe((e) => {
      if (e.type === 'draft.updated' && e.draft.id === id) listener(e.draft);
    });
  }

  lastDraftUpdate(id: string): DraftUpdate | undefined {
    return this.#drafts.get(id);
  }

  /**
   * Calls `refresh` shortly after events that `matters` picks and after every reconnect, debounced so a burst
   * of events makes one request. Used by the lists that a page keeps current (review queue, requests).
   */
  refreshWhen(matters: (event: WsEvent) => boolean, refresh: () => void, delayMs = 250): () => void {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(refresh, delayMs);
    };
    const offEvents = this.subscribe((e) => matters(e) && soon());
    const offReconnect = this.onReconnect(soon);
    return () => {
      if (timer) clearTimeout(timer);
      offEvents();
      offReconnect();
    };
  }

  onReconnect(listener: () => void): () => void {
    this.#reconnectListeners.add(listener);
    return () => this.#reconnectListeners.delete(listener);
  }

  #open(): void {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${location.host}${this.path}`);
    this.#ws = ws;
    this.state = this.#everOpened ? 'reconnecting' : 'connecting';

    ws.addEventListener('open', () => {
      if (this.#ws !== ws) return;
      const reconnected = this.#everOpened;
      this.#everOpened = true;
      this.#attempt = 0;
      this.state = 'open';
      if (reconnected) for (const l of this.#reconnectListeners) l();
    });
    ws.addEventListener('message', (msg) => {
      if (this.#ws !== ws || typeof msg.data !== 'string') return;
      let data: unknown;
      try {
        data = JSON.parse(msg.data);
      } catch {
        return;
      }
      const parsed = WsEvent.safeParse(data);
      if (!parsed.success) return; // an event this UI version does not know: ignore it
      const event = parsed.data;
      if (event.type === 'draft.updated') this.#drafts.set(event.draft.id, event.draft);
      for (const l of this.#listeners) l(event);
    });
    ws.addEventListener('close', (event) => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      if (!this.#wanted) return;
      if (event.code === 4401 || event.code === 1008) {
        this.#wanted = false;
        this.state = 'idle';
        this.#authLost?.();
        return;
      }
      this.state = 'reconnecting';
      const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.#attempt) * (0.75 + Math.random() * 0.5);
      this.#attempt++;
      this.#timer = setTimeout(() => {
        this.#timer = null;
        if (this.#wanted && !this.#ws) this.#open();
      }, delay);
    });
  }
}

export const live = new LiveEvents('/ws');
/** `request.updated` events come on the same socket; the server sends each only to the people it concerns. */
