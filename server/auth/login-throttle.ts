import { rateLimited } from '../domain/errors.js';
import type { LoginFailureStore } from '../store/login-failures.js';

/** An admin can end a lockout by setting a new password (POST /api/users/:id/password), so the message may say so. */
const lockedMessage = (retryInMs: number) =>
  `Too many wrong passwords for this account. Try again in ${Math.ceil(retryInMs / 60_000)} minute(s), or ask an admin to set a new password for you.`;

/**
 * Slows password guessing: at most `maxFailures` sign-in attempts per account are checked within
 * `windowMs`; past that the account's sign-in is locked for the rest of the window, whoever tries. An
 * attempt is counted *before* its password is verified and un-counted only by a success: checking the lock
 * first and counting after the ~100 ms verification let a burst of parallel guesses all pass the check
 * (40 parallel wrong passwords were all verified, none refused). The attempts live in the system of record,
 * so instances behind a load balancer share one count (the limit does not grow with instances).
 */
export function createLoginThrottle(
  failures: LoginFailureStore,
  options: { maxFailures?: number; windowMs?: number; now?: () => number } = {},
) {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const iso = (ms: number) => new Date(ms).toISOString();

  const throttle = {
    /**
     * Counts an attempt for the account before its password is checked. `ok` with `cancel` (un-count it
     * when it was not verified after all), or the milliseconds until the account may try again.
     */
    async attempt(key: string): Promise<{ ok: true; cancel: () => Promise<void> } | { ok: false; retryInMs: number }> {
      const t = now();
      await failures.prune(iso(t - windowMs));
      const r = await failures.reserve(key, iso(t), iso(t - windowMs + 1), maxFailures);
      if (r.counted) return { ok: true, cancel: () => failures.release(r.id) };
      // The oldest of the last `maxFailures` attempts leaves the window first.
      return { ok: false, retryInMs: Math.max(1, Date.parse(r.times[maxFailures - 1]) + windowMs - t) };
    },
    /** A right password: the account's count starts again. */
    async succeed(key: string): Promise<void> {
      await failures.clear(key);
    },
    /**
     * A password check under the lockout: counts the attempt first (429 when the account is locked), runs
     * `verify`, clears the count when it says yes. An attempt whose `verify` threw (e.g. the server was too
     * busy to hash) was never checked and is un-counted: it must not count as a wrong password.
     */
    async check(key: string, verify: () => Promise<boolean>): Promise<boolean> {
      const attempt = await throttle.attempt(key);
      if (!attempt.ok) throw rateLimited(lockedMessage(attempt.retryInMs), attempt.retryInMs / 1000);
      let ok: boolean;
      try {
        ok = await verify();
      } catch (err) {
        await attempt.cancel();
        throw err;
      }
      if (ok) await throttle.succeed(key);
      return ok;
    },
  };
  return throttle;
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
