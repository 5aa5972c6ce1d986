import { rateLimited } from '../domain/errors.js';

/**
 * Password hashing is the one thing an anonymous caller can make the server do that costs real resources
 * (scrypt: 32 MiB and ~100 ms of CPU each). The lockout is per account, so made-up emails each cost a
 * hash: 200 parallel sign-ins made a real one wait 15–22 s behind them. At most `concurrency` hashes run
 * at once and at most `queue` wait; past that a caller is refused at once (429) instead of queueing
 * without end, so the server and the sign-ins it accepts stay quick.
 */
export function createHashSlots(opts: { concurrency: number; queue: number }) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run<T>(fn: () => Promise<T>): Promise<T> {
      if (running < opts.concurrency) {
        running++;
      } else {
        if (waiting.length >= opts.queue) throw rateLimited('Too many sign-in attempts at once; try again in a few seconds.', 5);
        // The slot is handed over by the one finishing (running stays the same).
        await new Promise<void>((resolve) => waiting.push(resolve));
      }
      try {
        return await fn();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else running--;
      }
    },
    get stats() {
      return { running, waiting: waiting.length };
    },
  };
}
export type HashSlots = ReturnType<typeof createHashSlots>;
