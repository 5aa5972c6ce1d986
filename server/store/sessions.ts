import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { type Db, now } from './db.js';

/** Tokens are random 256-bit values; only their SHA-256 is stored, so a copy of the database opens no session. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = (prefix = '') => prefix + randomBytes(32).toString('base64url');

const SESSION_DAYS = 14;

export function createSessionStore(db: Db) {
  return {
    /** A fresh session id on every login (no fixation); returns the raw id for the cookie. */
    create(userId: string): { sessionId: string; csrfToken: string } {
      const sessionId = newToken();
      const csrfToken = newToken();
      const expires = new Date(Date.now() + SESSION_DAYS * 86_400_000).toISOString();
      db.prepare(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ).run(hashToken(sessionId), userId, csrfToken, now(), expires);
      return { sessionId, csrfToken };
    },
    find(sessionId: string): { userId: string; csrfToken: string } | undefined {
      const row = db
        .prepare('SELECT user_id, csrf_token, expires_at FROM sessions WHERE id_hash = ?')
        .get(hashToken(sessionId)) as { user_id: string; csrf_token: string; expires_at: string } | undefined;
      if (!row || row.expires_at < now()) return undefined;
      return { userId: row.user_id, csrfToken: row.csrf_token };
    },
    delete(sessionId: string): void {
      db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hashToken(sessionId));
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;

export function createTokenStore(db: Db) {
  return {
    create(userId: string, name: string): { id: string; name: string; token: string } {
      const token = newToken('vouch_');
      const id = randomUUID();
      db.prepare('INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(
        id,
        userId,
        name,
        hashToken(token),
        now(),
      );
      return { id, name, token };
    },
    /** Resolves a bearer token to its user and records when it was last used. */
    use(token: string): string | undefined {
      const row = db
        .prepare('SELECT id, user_id FROM api_tokens WHERE token_hash = ? AND revoked_at IS NULL')
        .get(hashToken(token)) as { id: string; user_id: string } | undefined;
      if (!row) return undefined;
      db.prepare('UPDATE api_tokens SET last_used_at = ? WHERE id = ?').run(now(), row.id);
      return row.user_id;
    },
    /** A user's tokens (never the token values: only their hashes are stored). */
    list(userId: string): { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }[] {
      return db
        .prepare(
          `SELECT id, name, created_at AS createdAt, last_used_at AS lastUsedAt, revoked_at AS revokedAt
           FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC`,
        )
        .all(userId) as { id: string; name: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null }[];
    },
    /** Revokes one of the user's own tokens; false when there is no such active token. */
    revoke(userId: string, id: string): boolean {
      return (
        db.prepare('UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL').run(now(), id, userId)
          .changes === 1
      );
    },
  };
}
export type TokenStore = ReturnType<typeof createTokenStore>;
