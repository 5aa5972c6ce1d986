import { invalid, notFound } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import type { Stores } from '../store/index.js';
import { hashToken } from '../store/sessions.js';
import type { LoginThrottle } from './login-throttle.js';
import { hashPassword, verifyPassword } from './password.js';
import type { SessionEnds } from './session-ends.js';

/**
 * New passwords. An admin sets one for someone who forgot theirs or is locked out: it ends all their
 * sessions (whoever held one must sign in with the new password) and clears their lockout; the audit
 * trail names the admin. A person changes their own with their current password, which ends their other
 * sessions. API tokens are not touched: they are revoked on the Account page.
 */
export function createPasswordService(deps: { stores: Stores; throttle: LoginThrottle; sessionEnds?: SessionEnds }) {
  const { stores, throttle } = deps;

  return {
    async setFor(userId: string, password: string, actor: User): Promise<{ user: User; sessionsEnded: number }> {
      // Your own needs your current password: a borrowed admin session must not be enough to take the account.
      if (userId === actor.id) throw invalid('Change your own password on your Account page: it asks for your current one.');
      const user = await stores.users.get(userId);
      if (!user) throw notFound('User');
      const passwordHash = await hashPassword(password);
      const sessionsEnded = await stores.transaction(async (tx) => {
        await tx.users.setPasswordHash(user.id, passwordHash);
        const ended = await tx.sessions.deleteForUser(user.id);
        await tx.loginFailures.clear(user.email);
        await tx.audit.record({ actorId: actor.id, action: 'user.password_set', subjectType: 'user', subjectId: user.id, detail: { sessionsEnded: ended } });
        return ended;
      });
      deps.sessionEnds?.publish({ userId: user.id });
      return { user, sessionsEnded };
    },

    /** `currentSession`: the session the change was made in (kept); null when made with an API token. */
    async changeOwn(user: User, current: string, next: string, currentSession: string | null): Promise<{ sessionsEnded: number }> {
      const found = await stores.users.findByEmailWithHash(user.email);
      if (!found) throw notFound('User');
      // Under the sign-in lockout: a session left open must not allow unlimited guesses at the password.
      const ok = await throttle.check(user.email, () => verifyPassword(current, found.passwordHash));
      if (!ok) {
        throw invalid('Your current password is not right, so the password was not changed.', [
          { path: 'currentPassword', message: 'This is not your current password' },
        ]);
      }
      const passwordHash = await hashPassword(next);
      const keep = currentSession ? hashToken(currentSession) : undefined;
      const sessionsEnded = await stores.transaction(async (tx) => {
        await tx.users.setPasswordHash(user.id, passwordHash);
        const ended = await tx.sessions.deleteForUser(user.id, keep);
        await tx.audit.record({ actorId: user.id, action: 'user.password_changed', subjectType: 'user', subjectId: user.id, detail: { sessionsEnded: ended } });
        return ended;
      });
      deps.sessionEnds?.publish({ userId: user.id, except: keep });
      return { sessionsEnded };
    },
  };
}
