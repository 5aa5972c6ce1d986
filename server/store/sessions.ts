import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type Executor, now } from './db.js';

/** Tokens are random 256-bit values; only their SHA-256 is stored, so a copy of the database opens no session. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = (prefix = '') => prefix + randomBytes(32).toString('base64url');

const SESSION_DAYS = 14;

export function createSessionStore(db: Executor) {
  return {
    /** A fresh session id on every login (no fixation); returns the raw id for the cookie. */
    async create(userId: string): Promise<{ sessionId: string; csrfToken: string }> {
      // Each sign-in clears the sessions that expired since: they open nothing, and the table stays the
      // size of the sessions in use (sign-ins of the last SESSION_DAYS).
      await db.deleteFrom('sessions').where('expires_at', '<', now()).execute();
      const sessionId = newToken();
      const csrfToken = newToken();
      const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
      await db
        .insertInto('sessions')
        .values({ id_hash: hashToken(sessionId), user_id: userId, csrf_token: csrfToken, created_at: now(), expires_at: expires })
        .execute();
      return { sessionId, csrfToken };
    },
    async find(sessionId: string): Promise<{ userId: string; csrfToken: string; expiresAt: string } | undefined> {
      const row = await db
        .selectFrom('sessions')
        .select(['user_id', 'csrf_token', 'expires_at'])
        .where('id_hash', '=', hashToken(sessionId))
        .executeTakeFirst();
      if (!row || row.expires_at < now()) return undefined;
      return { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
    },
    /** Of the given session hashes, those still valid, with their person's role now. */
    async alive(hashes: string[]): Promise<Map<string, { userId: string; role: string }>> {
      const out = new Map<string, { userId: string; role: string }>();
      for (let i = 0; i < hashes.length; i += 500) {
        const rows = await db
          .selectFrom('sessions')
          .innerJoin('users', 'users.id', 'sessions.user_id')
          .select(['sessions.id_hash', 'sessions.user_id', 'users.role'])
          .where('sessions.id_hash', 'in', hashes.slice(i, i + 500))
          .where('sessions.expires_at', '>=', now())
          .execute();
        for (const r of rows) out.set(r.id_hash, { userId: r.user_id, role: r.role });
      }
      return out;
    },
    async delete(sessionId: string): Promise<void> {
      await db.deleteFrom('sessions').where('id_hash', '=', hashToken(sessionId)).execute();
    },
    /** Ends all of a person's sessions, or all but one (by its hash); returns how many ended. */
    async deleteForUser(userId: string, exceptHash?: string): Promise<number> {
      let q = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (exceptHash) q = q.where('id_hash', '!=', exceptHash);
      const r = await q.executeTakeFirst();
      return Number(r.numDeletedRows);
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;

export type TokenInfo = { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };

/** How stale a token's last-used time may be. */
const LAST_USED_PRECISION_MS = 60_000;

export function createTokenStore(db: Executor) {
  return {
    async create(userId: string, name: string): Promise<{ id: string; name: string; token: string }> {
      const token = newToken('vouch_');
      const id = randomUUID();
      await db.insertInto('api_tokens').values({ id, user_id: userId, name, token_hash: hashToken(token), created_at: now() }).execute();
      return { id, name, token };
    },
    /**
     * Resolves a bearer token to its user and records when it was last used, to the minute: writing it on
     * every request made each script call an fsynced commit (a quarter of the throughput of cheap routes in
     * bench:load), and "last used 3 min ago" needs no more precision.
     */
    async use(token: string): Promise<string | undefined> {
      const row = await db
        .selectFrom('api_tokens')
        .select(['id', 'user_id', 'last_used_at'])
        .where('token_hash', '=', hashToken(token))
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row) return undefined;
      const t = now();
      if (!row.last_used_at || Date.parse(t) - Date.parse(row.last_used_at) >= LAST_USED_PRECISION_MS) {
        await db.updateTable('api_tokens').set({ last_used_at: t }).where('id', '=', row.id).execute();
      }
      return row.user_id;
    },
    /** A user's tokens (never the token values: only their hashes are stored). */
    async list(userId: string): Promise<TokenInfo[]> {
      return db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt'])
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .execute();
    },
    /** Revokes one of the user's own tokens; false when there is no such active token. */
    async revoke(userId: string, id: string): Promise<boolean> {
      const r = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now() })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },
  };
}
export type TokenStore = ReturnType<typeof createTokenStore>;
