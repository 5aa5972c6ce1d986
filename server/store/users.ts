import { randomUUID } from 'node:crypto';
import type { Role, User } from '../domain/user.js';
import { sql } from 'kysely';
import { type Dialect, type Executor, isUniqueViolation, now } from './db.js';

type UserRow = { id: string; email: string; name: string; role: string; password_hash: string; created_at: string };

const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, name: r.name, role: r.role as Role, createdAt: r.created_at });

export class EmailTakenError extends Error {}

/** An arbitrary, fixed key for pg_advisory_xact_lock: "setup" in ASCII. */
const FIRST_USER_LOCK = 0x7365747570;

export function createUserStore(db: Executor, dialect: Dialect) {
  return {
    /**
     * Inside a transaction: until it ends, no other transaction passes this point, so "no user exists yet"
     * stays true while the first admin is written (two setups at once must not both make an admin).
     * SQLite transactions are already one at a time on its one connection.
     */
    async lockFirstUser(): Promise<void> {
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(${FIRST_USER_LOCK})`.execute(db);
    },
    async count(): Promise<number> {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async insert(input: { email: string; name: string; role: Role; passwordHash: string }): Promise<User> {
      const row: UserRow = {
        id: randomUUID(),
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: input.passwordHash,
        created_at: now(),
      };
      try {
        await db.insertInto('users').values(row).execute();
      } catch (err) {
        if (isUniqueViolation(err)) throw new EmailTakenError(input.email);
        throw err;
      }
      return toUser(row);
    },
    async findByEmailWithHash(email: string): Promise<{ user: User; passwordHash: string } | undefined> {
      const r = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return r && { user: toUser(r), passwordHash: r.password_hash };
    },
    async setPasswordHash(id: string, passwordHash: string): Promise<void> {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },
    async get(id: string): Promise<User | undefined> {
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toUser(r);
    },
    /** The roles of the given users that still exist. */
    async roles(ids: string[]): Promise<Map<string, Role>> {
      const out = new Map<string, Role>();
      for (let i = 0; i < ids.length; i += 500) {
        const rows = await db.selectFrom('users').select(['id', 'role']).where('id', 'in', ids.slice(i, i + 500)).execute();
        for (const r of rows) out.set(r.id, r.role as Role);
      }
      return out;
    },
    async list(): Promise<User[]> {
      return (await db.selectFrom('users').selectAll().orderBy('created_at').execute()).map(toUser);
    },
  };
}
export type UserStore = ReturnType<typeof createUserStore>;
