import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientKey, signInLimit } from '../../server/http/sign-in-limit.js';

const from = (ip: string) => ({ ip }) as FastifyRequest;

describe('sign-in limit per client address', () => {
  it('counts an IPv6 client by its /64 and an IPv4-mapped address as IPv4', () => {
    expect(clientKey('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(clientKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientKey('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(clientKey('192.0.2.4')).toBe('192.0.2.4');
  });

  it('refuses past the limit within the minute, per client, and starts again in the next minute', async () => {
    let t = 0;
    const limit = signInLimit(2, () => t);
    await limit(from('192.0.2.1'));
    await limit(from('192.0.2.1'));
    await expect(limit(from('192.0.2.1'))).rejects.toMatchObject({ kind: 'rate_limited', retryAfterSeconds: 60 });
    await expect(limit(from('2001:db8:1:2::1'))).resolves.toBeUndefined();
    await limit(from('2001:db8:1:2::2'));
    await expect(limit(from('2001:db8:1:2::3'))).rejects.toMatchObject({ kind: 'rate_limited' });
    t += 60_000;
    await expect(limit(from('192.0.2.1'))).resolves.toBeUndefined();
  });

  it('does nothing when switched off (0)', async () => {
    const limit = signInLimit(0);
    for (let i = 0; i < 100; i++) await limit(from('192.0.2.1'));
  });
});
