import type { FastifyRequest } from 'fastify';
import { isIPv6 } from 'node:net';
import { rateLimited } from '../domain/errors.js';

/** Addresses remembered per minute; past this, new ones share one count (a flood of addresses cannot fill memory). */
const MAX_ADDRESSES = 50_000;

/**
 * The client an attempt counts against: its address as Fastify resolves it (the peer's, or the one a
 * trusted proxy names: VOUCH_TRUST_PROXY), an IPv6 address by its /64, since one host usually holds a whole
 * /64 and could otherwise take a fresh address per attempt.
 */
export function clientKey(ip: string): string {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  if (!isIPv6(v4)) return v4;
  const [head] = v4.split('%');
  const groups = head.includes('::')
    ? (() => {
        const [l, r] = head.split('::');
        const left = l ? l.split(':') : [];
        const right = r ? r.split(':') : [];
        return [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
      })()
    : head.split(':');
  return `${groups.slice(0, 4).join(':')}::/64`;
}

/**
 * Sign-in attempts per client address per minute (fixed one-minute windows, in this process's memory: each
 * instance counts its own). The lockout counts per account and the hashing slots guard the CPU; this keeps
 * one client from taking every slot with made-up emails, so others can still sign in during its flood.
 * Hand-written rather than @fastify/rate-limit: two routes, one counter, answered in the API's own error
 * shape; the plugin would bring hooks, headers and a store abstraction for that.
 */
export function signInLimit(perMinute: number, now: () => number = Date.now) {
  const counts = new Map<string, number>();
  let windowEnds = 0;
  return async (request: FastifyRequest): Promise<void> => {
    if (perMinute <= 0) return;
    const t = now();
    if (t >= windowEnds) {
      counts.clear();
      windowEnds = t + 60_000;
    }
    const seen = clientKey(request.ip);
    const key = counts.has(seen) || counts.size < MAX_ADDRESSES ? seen : 'others';
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > perMinute) {
      const seconds = Math.ceil((windowEnds - t) / 1000);
      throw rateLimited(`Too many sign-in attempts from your network address. Try again in ${seconds} seconds.`, seconds);
    }
  };
}
