import { describe, expect, it } from 'vitest';
import { createLoginThrottle } from '../../server/auth/login-throttle.js';

describe('login throttle', () => {
  it('locks an account after 5 wrong passwords in 15 minutes, then lets it try again', () => {
    let t = 0;
    const throttle = createLoginThrottle({ now: () => t });
    for (let i = 0; i < 4; i++) throttle.fail('ada@example.com');
    expect(throttle.lockedFor('ada@example.com')).toBe(0);
    throttle.fail('ada@example.com');
    expect(throttle.lockedFor('ada@example.com')).toBe(15 * 60_000);
    expect(throttle.lockedFor('other@example.com')).toBe(0);
    t += 15 * 60_000;
    expect(throttle.lockedFor('ada@example.com')).toBe(0);
  });

  it('forgets failures after a successful sign-in', () => {
    const throttle = createLoginThrottle({ now: () => 0 });
    for (let i = 0; i < 4; i++) throttle.fail('ada@example.com');
    throttle.succeed('ada@example.com');
    throttle.fail('ada@example.com');
    expect(throttle.lockedFor('ada@example.com')).toBe(0);
  });
});
