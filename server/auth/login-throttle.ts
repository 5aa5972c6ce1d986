/**
 * Slows password guessing: after `maxFailures` wrong passwords for one account within `windowMs`, that
 * account's sign-in is locked for the rest of the window, whoever tries. In process memory: with several
 * instances behind a load balancer, each counts its own attempts (the limit then scales with instances).
 */
export function createLoginThrottle(options: { maxFailures?: number; windowMs?: number; now?: () => number } = {}) {
  const maxFailures = options.maxFailures ?? 5;
  const windowMs = options.windowMs ?? 15 * 60_000;
  const now = options.now ?? Date.now;
  const failures = new Map<string, number[]>();

  const recent = (key: string) => (failures.get(key) ?? []).filter((t) => now() - t < windowMs);

  return {
    /** Milliseconds until this account may try again, or 0. */
    lockedFor(key: string): number {
      const times = recent(key);
      if (times.length < maxFailures) return 0;
      return Math.max(0, times[times.length - maxFailures] + windowMs - now());
    },
    fail(key: string): void {
      const times = recent(key);
      times.push(now());
      failures.set(key, times.slice(-maxFailures));
      if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
    },
    succeed(key: string): void {
      failures.delete(key);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
