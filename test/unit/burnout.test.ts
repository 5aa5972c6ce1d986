import { describe, expect, it } from 'vitest';
import {
  applyLoadPolicy,
  computeLoad,
  DEFAULT_POLICY,
  policyFor,
  shortDate,
  type AdvocateLoad,
  type BurnoutPolicy,
} from '../../server/domain/burnout.js';

const NOW = new Date('2025-12-29T10:00:00Z');
const policy: BurnoutPolicy = { cap: 3, cooldownDays: 14, windowDays: 90 };
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();

describe('computeLoad', () => {
  it('is available with no engagements', () => {
    const load = computeLoad({ engagements: [] }, policy, NOW);
    expect(load).toMatchObject({
      state: 'available',
      used: 0,
      cap: 3,
      summary: '0 of 3 this quarter',
      status: 'Available',
      lastEngagedAt: null,
      restingUntil: null,
      availableFrom: null,
    });
  });

  it('counts engagements in the rolling 90 days only, and says "2 of 3 this quarter"', () => {
    const load = computeLoad({ engagements: [daysAgo(20), daysAgo(60), daysAgo(91), daysAgo(400)] }, policy, NOW);
    expect(load.used).toBe(2);
    expect(load.summary).toBe('2 of 3 this quarter');
    expect(load.state).toBe('available');
    expect(load.lastEngagedAt).toBe(daysAgo(20));
  });

  it('rests for the cooldown after the last engagement: "Resting until 12 Jan"', () => {
    // 29 Dec − 16 days = 13 Dec; + 14 days cooldown = 27 Dec: over. 29 Dec − 3 days = 26 Dec; + 14 = 9 Jan 2026.
    expect(computeLoad({ engagements: [daysAgo(16)] }, policy, NOW).state).toBe('available');
    const load = computeLoad({ engagements: [daysAgo(3), daysAgo(50)] }, policy, NOW);
    expect(load.state).toBe('resting');
    expect(load.restingUntil).toBe('2026-01-09T10:00:00.000Z');
    expect(load.availableFrom).toBe(load.restingUntil);
    expect(load.status).toBe('Resting until 9 Jan 2026');
    const inJanuary = computeLoad({ engagements: ['2026-01-01T09:00:00Z'] }, policy, new Date('2026-01-05T00:00:00Z'));
    expect(inJanuary.status).toBe('Resting until 15 Jan');
  });

  it('is at cap with cap engagements in the window, until the oldest leaves it', () => {
    const load = computeLoad({ engagements: [daysAgo(80), daysAgo(40), daysAgo(30)] }, policy, NOW);
    expect(load.state).toBe('over_cap');
    expect(load.summary).toBe('3 of 3 this quarter');
    // The oldest (80 days ago) leaves the 90-day window in 10 days: 8 Jan 2026.
    expect(load.availableFrom).toBe('2026-01-08T10:00:00.000Z');
    expect(load.status).toBe('At cap until 8 Jan 2026');
  });

  it('says "Over cap" above the cap and waits for enough engagements to leave the window', () => {
    const load = computeLoad({ engagements: [daysAgo(85), daysAgo(70), daysAgo(40), daysAgo(30)] }, policy, NOW);
    expect(load.used).toBe(4);
    // Two must leave: the second oldest (70 days ago) leaves in 20 days.
    expect(load.availableFrom).toBe(new Date(NOW.getTime() + 20 * 86_400_000).toISOString());
    expect(load.status).toMatch(/^Over cap until /);
  });

  it('takes the later of cap and cooldown when both apply', () => {
    const load = computeLoad({ engagements: [daysAgo(89), daysAgo(5)] }, { ...policy, cap: 2 }, NOW);
    expect(load.state).toBe('over_cap');
    // Cap frees in 1 day, cooldown ends in 9 days: available from the later.
    expect(load.availableFrom).toBe(new Date(NOW.getTime() + 9 * 86_400_000).toISOString());
    expect(load.restingUntil).toBe(load.availableFrom);
  });

  it('treats a cap of 0 as "not to be asked", with no date', () => {
    const load = computeLoad({ engagements: [] }, policyFor(policy, 0), NOW);
    expect(load).toMatchObject({ state: 'over_cap', availableFrom: null, status: 'Not to be asked (cap set to 0)' });
  });

  it('ignores unparsable dates, counts upcoming engagements separately', () => {
    const load = computeLoad({ engagements: ['not a date', daysAgo(30)], upcoming: 1 }, policy, NOW);
    expect(load.used).toBe(1);
    expect(load.upcoming).toBe(1);
  });

  it('is fully booked when the engagements still to happen take the places left under the cap', () => {
    // One done, two approved and waiting: a third request must not see "available" (cap 3).
    const booked = computeLoad({ engagements: [daysAgo(30)], upcoming: 2 }, policy, NOW);
    expect(booked).toMatchObject({ state: 'over_cap', used: 1, upcoming: 2, availableFrom: null, status: 'Fully booked: 2 coming up' });
    expect(computeLoad({ engagements: [], upcoming: 2 }, policy, NOW).state).toBe('available');
    // At cap by completed engagements says when, as before.
    expect(computeLoad({ engagements: [daysAgo(30), daysAgo(40), daysAgo(50)], upcoming: 1 }, policy, NOW).status).toMatch(/^At cap until /);
  });

  it('uses a per-advocate cap when set, the default otherwise', () => {
    expect(policyFor(DEFAULT_POLICY, null)).toBe(DEFAULT_POLICY);
    expect(policyFor(DEFAULT_POLICY, 5).cap).toBe(5);
    expect(computeLoad({ engagements: [daysAgo(30), daysAgo(40), daysAgo(50)] }, policyFor(policy, 5), NOW).state).toBe('available');
  });
});

describe('shortDate', () => {
  it('omits the year of now', () => {
    expect(shortDate(Date.parse('2025-03-03T12:00:00Z'), NOW)).toBe('3 Mar');
    expect(shortDate(Date.parse('2026-01-12T12:00:00Z'), NOW)).toBe('12 Jan 2026');
  });
});

describe('applyLoadPolicy', () => {
  const load = (state: AdvocateLoad['state']) => ({ ...computeLoad({ engagements: [] }, policy, NOW), state });
  const ranked = [
    { id: 'a', load: load('over_cap') },
    { id: 'b', load: load('available') },
    { id: 'c', load: load('resting') },
    { id: 'd', load: load('available') },
    { id: 'e', load: load('available') },
  ];

  it('rank: moves resting and at-cap advocates below available ones and counts those moved', () => {
    const { items, summary } = applyLoadPolicy(ranked, 'rank', 4);
    expect(items.map((x) => x.id)).toEqual(['b', 'd', 'e', 'a']);
    expect(summary).toEqual({ mode: 'rank', hidden: 0, rankedDown: 2 });
  });

  it('rank: an unavailable advocate already last is not counted as moved', () => {
    const { summary } = applyLoadPolicy([ranked[1], ranked[0]], 'rank', 2);
    expect(summary.rankedDown).toBe(0);
  });

  it('hide: drops them, fills the places from later candidates, and counts those it hid', () => {
    const { items, summary } = applyLoadPolicy(ranked, 'hide', 3);
    expect(items.map((x) => x.id)).toEqual(['b', 'd', 'e']);
    expect(summary).toEqual({ mode: 'hide', hidden: 2, rankedDown: 0 });
  });

  it('changes nothing when everyone is available', () => {
    const all = ranked.filter((x) => x.load.state === 'available');
    expect(applyLoadPolicy(all, 'rank', 10)).toEqual({ items: all, summary: { mode: 'rank', hidden: 0, rankedDown: 0 } });
    expect(applyLoadPolicy(all, 'hide', 10).summary.hidden).toBe(0);
  });
});
