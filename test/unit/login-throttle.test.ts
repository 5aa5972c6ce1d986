import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../server/auth/login-throttle.js';
import { openDb, type Db } from '../../server/store/db.js';
import { createLoginFailureStore } from '../../server/store/login-failures.js';

// On the real store (SQLite in memory): the failures are rows, so instances sharing a database share them.
describe('login throttle', () => {
  let db: Db;
  beforeEach(async () => {
    db = await openDb({ sqliteFile: ':memory:' });
  });
  afterEach(async () => {
    await db.close();
  });

  it('locks an account after 5 wrong passwords in 15 minutes, then lets it try again', async () => {
    let t = Date.parse('2025-01-01T00:00:00Z');
    const throttle = createLoginThrottle(createLoginFailureStore(db.kysely), { now: () => t });
    for (let i = 0; i < 4; i++) await throttle.fail('ada@example.com');
    expect(await throttle.lockedFor('ada@example.com')).toBe(0);
    await throttle.fail('ada@example.com');
    expect(await throttle.lockedFor('ada@example.com')).toBe(15 * 60_000);
    expect(await throttle.lockedFor('other@example.com')).toBe(0);
    t += 15 * 60_000;
    expect(await throttle.lockedFor('ada@example.com')).toBe(0);
  });

  it('forgets failures after a successful sign-in', async () => {
    const t = Date.parse('2025-01-01T00:00:00Z');
    const throttle = createLoginThrottle(createLoginFailureStore(db.kysely), { now: () => t });
    for (let i = 0; i < 4; i++) await throttle.fail('ada@example.com');
    await throttle.succeed('ada@example.com');
    await throttle.fail('ada@example.com');
    expect(await throttle.lockedFor('ada@example.com')).toBe(0);
  });

  it('counts the failures two throttles (two instances) record on one store together', async () => {
    const t = Date.parse('2025-01-01T00:00:00Z');
    const a = createLoginThrottle(createLoginFailureStore(db.kysely), { now: () => t });
    const b = createLoginThrottle(createLoginFailureStore(db.kysely), { now: () => t });
    for (let i = 0; i < 3; i++) await a.fail('ada@example.com');
    for (let i = 0; i < 2; i++) await b.fail('ada@example.com');
    expect(await a.lockedFor('ada@example.com')).toBe(15 * 60_000);
    expect(await b.lockedFor('ada@example.com')).toBe(15 * 60_000);
  });
});
