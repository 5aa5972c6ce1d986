import { randomUUID } from 'node:crypto';
import type { Role, User } from '../domain/user.js';
import { type Db, now } from './db.js';

type UserRow = { id: string; email: string; name: string; role: Role; password_hash: string; created_at: string };

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, role: r.role, createdAt: r.created_at });

export class EmailTakenError extends Error {}

export function createUserStore(db: Db) {
  const byEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
  const byId = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
  return {
    count(): number {
      return (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
    },
    insert(input: { email: string; name: string; role: Role; passwordHash: string }): User {
      const row: UserRow = {
        id: randomUUID(),
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: input.passwordHash,
        created_at: now(),
      };
      try {
        db.prepare(
          'INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (@id, @email, @name, @role, @password_hash, @created_at)',
        ).run(row);
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE') throw new EmailTakenError(input.email);
        throw err;
      }
      return toUser(row);
    },
    findByEmailWithHash(email: string): { user: User; passwordHash: string } | undefined {
      const r = byEmail.get(email);
      return r && { user: toUser(r), passwordHash: r.password_hash };
    },
    get(id: string): User | undefined {
      const r = byId.get(id);
      return r && toUser(r);
    },
    list(): User[] {
      return (db.prepare('SELECT * FROM users ORDER BY created_at').all() as UserRow[]).map(toUser);
    },
  };
}
export type UserStore = ReturnType<typeof createUserStore>;
