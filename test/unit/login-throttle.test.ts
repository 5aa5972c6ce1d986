import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../server/auth/login-throttle.js';
import { openDb, type Db } from '../../server/store/db.js';
import { createLoginFailureStore } from '../../server/store/login-failures.js';

// On the real store (SQLite in memory): the attempts are rows, so instances sharing a database share them.
describe('login throttle', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openDb({ sqliteFile: ':memory:' });
  });
  afterEach(async () => {
    await db.close();
  });
  const store = () => createLoginFailureStore(db.kysely, 'sqlite');

  it('counts 5 attempts in 15 minutes, refuses the 6th until the first leaves the window', async () => {
    let t = Date.parse('2025-01-01T00:00:00Z');
    const throttle = createLoginThrottle(store(), { now: () => t });
    for (let i = 0; i < 5; i++) expect((await throttle.attempt('ada@example.com')).ok).toBe(true);
    expect(await throttle.attempt('ada@example.com')).toEqual({ ok: false, retryInMs: 15 * 60_000 });
    expect((await throttle.attempt('other@example.com')).ok).toBe(true);
    t += 15 * 60_000;
    expect((await throttle.attempt('ada@example.com')).ok).toBe(true);
  });

  it('counts parallel attempts one at a time: never more than the limit get through', async () => {
    const t = Date.parse('2025-01-01T00:00:00Z');
    const throttle = createLoginThrottle(store(), { now: () => t });
    const results = await Promise.all(Array.from({ length: 20 }, () => throttle.attempt('ada@example.com')));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
  });

  it('forgets attempts after a successful sign-in', async () => {
    const t = Date.parse('2025-01-01T00:00:00Z');
    const throttle = createLoginThrottle(store(), { now: () => t });
    for (let i = 0; i < 4; i++) await throttle.attempt('ada@example.com');
    await throttle.succeed('ada@example.com');
    for (let i = 0; i < 5; i++) expect((await throttle.attempt('ada@example.com')).ok).toBe(true);
    expect((await throttle.attempt('ada@example.com')).ok).toBe(false);
  });

  it('un-counts an attempt that was cancelled (never verified)', async () => {
    const t = Date.parse('2025-01-01T00:00:00Z');
    const throttle = createLoginThrottle(store(), { now: () => t });
    for (let i = 0; i < 4; i++) await throttle.attempt('ada@example.com');
    const fifth = await throttle.attempt('ada@example.com');
    if (!fifth.ok) throw new Error('the fifth attempt should be counted');
    await fifth.cancel();
    expect((await throttle.attempt('ada@example.com')).ok).toBe(true);
    expect((await throttle.attempt('ada@example.com')).ok).toBe(false);
  });

  it('counts the attempts two throttles (two instances) record on one store together', async () => {
    const t = Date.parse('2025-01-01T00:00:00Z');
    const a = createLoginThrottle(store(), { now: () => t });
    const b = createLoginThrottle(store(), { now: () => t });
    for (let i = 0; i < 3; i++) await a.attempt('ada@example.com');
    for (let i = 0; i < 2; i++) await b.attempt('ada@example.com');
    expect((await a.attempt('ada@example.com')).ok).toBe(false);
    expect((await b.attempt('ada@example.com')).ok).toBe(false);
  });
});
