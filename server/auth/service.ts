import { conflict, invalid, unauthenticated } from '../domain/errors.js';
import type { Role, User } from '../domain/user.js';
import type { Stores } from '../store/index.js';
import { hashToken } from '../store/sessions.js';
import { EmailTakenError } from '../store/users.js';
import { createLoginThrottle } from './login-throttle.js';
import { decoyHash, hashPassword, verifyPassword } from './password.js';
import { createPasswordService } from './passwords.js';
import type { SessionEnds } from './session-ends.js';

/**
 * Accounts and sign-in. Sessions and the login lockout live in the store (not process memory) so any
 * instance can serve them.
 */
export function createAuthService(stores: Stores, opts: { sessionEnds?: SessionEnds } = {}) {
  const { users, sessions } = stores;
  const throttle = createLoginThrottle(stores.loginFailures);

  /** `onlyFirst`: refused (409) when any user exists, checked and written in one transaction that holds the first-user lock. */
  async function createUser(input: { email: string; name: string; role: Role; password: string }, actor: User | null, onlyFirst = false) {
    const passwordHash = await hashPassword(input.password);
    try {
      return await stores.transaction(async (tx) => {
        if (onlyFirst) {
          await tx.users.lockFirstUser();
          if ((await tx.users.count()) > 0) throw conflict('Vouch is already set up: sign in instead.');
        }
        const user = await tx.users.insert({ email: input.email, name: input.name, role: input.role, passwordHash });
        await tx.audit.record({ actorId: actor?.id ?? user.id, action: 'user.created', subjectType: 'user', subjectId: user.id, detail: { role: user.role } });
        return user;
      });
    } catch (err) {
      if (err instanceof EmailTakenError) {
        throw conflict(`A user with the email ${input.email} already exists.`);
      }
      throw err;
    }
  }

  async function logout(sessionId: string) {
    await sessions.delete(sessionId);
    opts.sessionEnds?.publish({ sessionHash: hashToken(sessionId) });
  }

  return {
    /** New passwords: set by an admin for someone, or changed by the person themselves. */
    passwords: createPasswordService({ stores, throttle, sessionEnds: opts.sessionEnds }),
    needsSetup: async () => (await users.count()) === 0,
    createUser,
    /**
     * The first admin; refused once any user exists, so it cannot be used to take over an instance.
     * `replacing`: the session the browser held until now, ended like at sign-in.
     */
    async setup(input: { email: string; name: string; password: string }, replacing?: string) {
      if ((await users.count()) > 0) throw conflict('Vouch is already set up: sign in instead.'); // early, before hashing
      const user = await createUser({ ...input, role: 'admin' }, null, true);
      if (replacing) await logout(replacing);
      return { user, ...(await sessions.create(user.id)) };
    },
    /**
     * `replacing`: the session named by the cookie the browser sent, if any. A successful sign-in ends it,
     * so a browser holds one session at a time and signing in again leaves no older one valid (and open
     * websockets of the old one close).
     */
    async login(email: string, password: string, replacing?: string) {
      const found = await users.findByEmailWithHash(email);
      // Counted before the (slow) verification, so parallel guesses cannot all slip past the lock. Same
      // work whether or not the account exists, so response time does not reveal accounts.
      const ok = await throttle.check(email, async () => verifyPassword(password, found?.passwordHash ?? (await decoyHash())));
      if (!found || !ok) throw unauthenticated('Wrong email or password.');
      if (replacing) await logout(replacing);
      return { user: found.user, ...(await sessions.create(found.user.id)) };
    },
    logout,
    /** Headless setup: VOUCH_ADMIN_EMAIL + VOUCH_ADMIN_PASSWORD create the first admin when no user exists. */
    async ensureAdminFromEnv(admin: { email: string; password: string } | undefined): Promise<User | undefined> {
      if (!admin || (await users.count()) > 0) return undefined;
      if (admin.password.length < 10) throw invalid('VOUCH_ADMIN_PASSWORD must be at least 10 characters.');
      return createUser({ email: admin.email.trim().toLowerCase(), name: 'Admin', role: 'admin', password: admin.password }, null, true);
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
