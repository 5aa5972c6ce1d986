import type { WebSocket } from 'ws';
import type { SessionEnd } from '../auth/session-ends.js';
import type { Role } from '../domain/user.js';

/** An open /ws connection and who opened it: with a session (cookie) or an API token. */
export type LiveSocket = { socket: WebSocket; userId: string; role: Role; sessionHash?: string };

/** The close code the UI (src/lib/live.svelte.ts) takes as "signed out": it asks /api/me instead of reconnecting. */
export const SIGNED_OUT = 4401;
/** setTimeout holds at most ~24.8 days; sessions last 14. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * The open sockets of this instance, so that a socket does not outlive what let it open: it closes (4401)
 * when its session is signed out or its person's sessions end (at once, on this instance and, relayed, on
 * the others), when the session expires (a timer), and when a periodic re-check finds the session gone or
 * the person's role changed (whatever missed the first two: a relay lost while reconnecting, a row
 * changed by hand).
 */
export function createLiveSockets(opts: {
  /** The sockets, of those given, whose session or person no longer holds. */
  recheck: (open: LiveSocket[]) => Promise<LiveSocket[]>;
  everyMs: number;
  onError: (err: unknown) => void;
}) {
  const open = new Map<LiveSocket, NodeJS.Timeout | undefined>();
  let checking = false;

  function close(entry: LiveSocket, reason: string): void {
    if (!open.has(entry)) return;
    clearTimeout(open.get(entry));
    open.delete(entry);
    entry.socket.close(SIGNED_OUT, reason);
  }

  async function recheck(): Promise<void> {
    if (checking || open.size === 0) return;
    checking = true;
    try {
      for (const entry of await opts.recheck([...open.keys()])) close(entry, 'Signed out');
    } catch (err) {
      opts.onError(err);
    } finally {
      checking = false;
    }
  }
  const timer = setInterval(() => void recheck(), opts.everyMs);
  timer.unref();

  return {
    /** Tracks a socket until it closes; `expiresAt` (ISO) closes it when its session runs out. */
    add(entry: LiveSocket, expiresAt?: string): void {
      const ms = expiresAt ? Date.parse(expiresAt) - Date.now() : undefined;
      const expiry = ms === undefined ? undefined : setTimeout(() => close(entry, 'Session expired'), Math.max(0, Math.min(ms, MAX_TIMER_MS)));
      expiry?.unref();
      open.set(entry, expiry);
      entry.socket.once('close', () => {
        clearTimeout(open.get(entry));
        open.delete(entry);
      });
    },
    end(end: SessionEnd): void {
      for (const entry of [...open.keys()]) {
        const ended =
          'sessionHash' in end
            ? entry.sessionHash === end.sessionHash
            : // A person's sessions, not their API tokens (those stay valid until revoked).
              entry.sessionHash !== undefined && entry.userId === end.userId && entry.sessionHash !== end.except;
        if (ended) close(entry, 'Signed out');
      }
    },
    recheck,
    get size() {
      return open.size;
    },
    stop(): void {
      clearInterval(timer);
      for (const t of open.values()) clearTimeout(t);
    },
  };
}
export type LiveSockets = ReturnType<typeof createLiveSockets>;
