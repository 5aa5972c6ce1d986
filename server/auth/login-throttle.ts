import type { LoginFailureStore } from '../store/login-failures.js';

/**
 * Slows password guessing: after `maxFailures` wrong passwords for one account within `windowMs`, that
 * account's sign-in is locked for the rest of the window, whoever tries. The failures live in the system of
 * record, so instances behind a load balancer share one count (the limit does not grow with instances).
 */
export function createLoginThrottle(
  failures: LoginFailureStore,
  options: { maxFailures?: number; windowMs?: number; now?: () => number } = {},
) {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const iso = (ms: number) => new Date(ms).toISOString();

  return {
    /** Milliseconds until this account may try again, or 0. */
    async lockedFor(key: string): Promise<number> {
      const t = now();
      const times = await failures.recent(key, iso(t - windowMs + 1), maxFailures);
      if (times.length < maxFailures) return 0;
      // The oldest of the last `maxFailures` failures leaves the window first.
      return Math.max(0, Date.parse(times[maxFailures - 1]) + windowMs - t);
    },
    async fail(key: string): Promise<void> {
      const t = now();
      await failures.add(key, iso(t), iso(t - windowMs));
    },
    async succeed(key: string): Promise<void> {
      await failures.clear(key);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
