import { sql } from 'kysely';
import pg from 'pg';
import type { Executor } from './db.js';

/** Channels Vouch instances talk on (Postgres LISTEN/NOTIFY). */
export const CHANNELS = { events: 'vouch_events', drafts: 'vouch_drafts', sessions: 'vouch_sessions' } as const;
export type Channel = (typeof CHANNELS)[keyof typeof CHANNELS];

/** Postgres refuses NOTIFY payloads of 8000 bytes or more. */
const MAX_PAYLOAD = 7900;

/**
 * Messages between the instances sharing one Postgres: one dedicated connection LISTENs (reconnecting
 * after a drop; the queue's poll covers what was missed meanwhile), sends go through the pool with
 * pg_notify. Postgres delivers a notification to every listener, the sender's own included: receivers skip
 * their own by `origin`.
 */
export async function openNotifier(opts: {
  databaseUrl: string;
  db: Executor;
  origin: string;
  onMessage: (channel: Channel, body: unknown) => void;
  log: { warn: (msg: string) => void };
}) {
  let client: pg.Client | undefined;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;

  async function listen(): Promise<void> {
    const c = new pg.Client({ connectionString: opts.databaseUrl });
    c.on('notification', (msg) => {
      try {
        const parsed = JSON.parse(msg.payload ?? '') as { origin: string; body: unknown };
        if (parsed.origin !== opts.origin) opts.onMessage(msg.channel as Channel, parsed.body);
      } catch {
        // not ours
      }
    });
    const reconnect = () => {
      if (closed || client !== c) return;
      client = undefined;
      opts.log.warn('lost the Postgres notification connection; reconnecting');
      retry = setTimeout(() => void listen().catch(reconnect), 1000);
      retry.unref();
    };
    c.on('error', reconnect);
    c.on('end', reconnect);
    client = c;
    await c.connect();
    for (const channel of Object.values(CHANNELS)) await c.query(`LISTEN ${channel}`);
  }
  await listen();

  return {
    async send(channel: Channel, body: unknown): Promise<void> {
      const payload = JSON.stringify({ origin: opts.origin, body });
      if (Buffer.byteLength(payload) > MAX_PAYLOAD) {
        opts.log.warn(`a ${channel} message of ${payload.length} bytes is too long for NOTIFY; other instances will not see it`);
        return;
      }
      await sql`SELECT pg_notify(${channel}, ${payload})`.execute(opts.db);
    },
    async close(): Promise<void> {
      closed = true;
      if (retry) clearTimeout(retry);
      const c = client;
      client = undefined;
      await c?.end().catch(() => undefined);
    },
  };
}
export type Notifier = Awaited<ReturnType<typeof openNotifier>>;
