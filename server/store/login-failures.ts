import type { Executor } from './db.js';

/**
 * Wrong passwords per account, kept in the system of record so that every instance sharing it counts the
 * same attempts (the login lockout holds behind a load balancer). Rows older than the window are pruned
 * as new failures arrive.
 */
export function createLoginFailureStore(db: Executor) {
  return {
    /** The times of the account's most recent failures at or after `since`, newest first (at most `limit`). */
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
    async add(account: string, at: string, pruneBefore: string): Promise<void> {
      await db.deleteFrom('login_failures').where('at', '<', pruneBefore).execute();
      await db.insertInto('login_failures').values({ account, at }).execute();
    },
    async clear(account: string): Promise<void> {
      await db.deleteFrom('login_failures').where('account', '=', account).execute();
    },
  };
}
export type LoginFailureStore = ReturnType<typeof createLoginFailureStore>;
