import { sql } from 'kysely';
import type { Dialect, Executor } from './db.js';

/**
 * Sign-in attempts per account that have not (yet) succeeded, kept in the system of record so that every
 * instance sharing it counts the same attempts (the login lockout holds behind a load balancer). An attempt
 * is counted before its password is verified, and a successful sign-in clears the account's count. Rows
 * older than the window are pruned as new attempts arrive.
 */
export function createLoginFailureStore(db: Executor, dialect: Dialect) {
  /** A transaction of its own, or the caller's when it is already in one. */
  const inTransaction = <T>(fn: (trx: Executor) => Promise<T>): Promise<T> =>
    db.isTransaction ? fn(db) : db.transaction().execute(fn);

  return {
    /** The times of the account's most recent attempts at or after `since`, newest first (at most `limit`). */
    async recent(account: string, since: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('login_failures')
        .select('at')
        .where('account', '=', account)
        .where('at', '>=', since)
        .orderBy('at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => r.at);
    },
    /**
     * Counts one more attempt for the account at `at`, unless `max` attempts at or after `since` are counted
     * already: then nothing is written and the counted times come back (newest first). Counting and adding
     * are one step per account, so parallel attempts cannot all see room for one more: on Postgres a
     * transaction-scoped advisory lock on the account makes them take turns (across instances too); SQLite
     * runs one transaction at a time on its one connection anyway.
     */
    async reserve(
      account: string,
      at: string,
      since: string,
      max: number,
    ): Promise<{ counted: true; id: number } | { counted: false; times: string[] }> {
      return inTransaction(async (trx) => {
        if (dialect === 'postgres') {
          await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`vouch.login:${account}`}, 0))`.execute(trx);
        }
        const times = (
          await trx
            .selectFrom('login_failures')
            .select('at')
            .where('account', '=', account)
            .where('at', '>=', since)
            .orderBy('at', 'desc')
            .limit(max)
            .execute()
        ).map((r) => r.at);
        if (times.length >= max) return { counted: false, times };
        const row = await trx.insertInto('login_failures').values({ account, at }).returning('id').executeTakeFirstOrThrow();
        return { counted: true, id: Number(row.id) };
      });
    },
    /** Un-counts one attempt (it was never verified, e.g. the server was too busy to check it). */
    async release(id: number): Promise<void> {
      await db.deleteFrom('login_failures').where('id', '=', id).execute();
    },
    /** Forgets attempts older than `before`, of every account. */
    async prune(before: string): Promise<void> {
      await db.deleteFrom('login_failures').where('at', '<', before).execute();
    },
    async clear(account: string): Promise<void> {
      await db.deleteFrom('login_failures').where('account', '=', account).execute();
    },
  };
}
export type LoginFailureStore = ReturnType<typeof createLoginFailureStore>;
