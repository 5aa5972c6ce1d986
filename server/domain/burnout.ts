import { z } from 'zod';

/**
 * Burnout protection, as pure rules over engagement dates. An advocate may take at most `cap` engagements
 * in a rolling window (90 days: "this quarter") and rests for `cooldownDays` after each one. Completed
 * engagements count against the cap and start the rest; approved or scheduled ones (`upcoming`) hold a place
 * under the cap too: otherwise one advocate could be booked for any number of calls at once, each approval
 * seeing "available" because none had happened yet.
 */
export const WINDOW_DAYS = 90;
export const DEFAULT_CAP = 3;
export const DEFAULT_COOLDOWN_DAYS = 14;
export const MAX_CAP = 50;

/** What happens to advocates who are resting or at their cap in match results. Never silent either way. */
export const OVERCAP_MODES = ['rank', 'hide'] as const;
export const OvercapMode = z.enum(OVERCAP_MODES);
export type OvercapMode = z.infer<typeof OvercapMode>;

export type BurnoutPolicy = { cap: number; cooldownDays: number; windowDays: number };
export const DEFAULT_POLICY: BurnoutPolicy = { cap: DEFAULT_CAP, cooldownDays: DEFAULT_COOLDOWN_DAYS, windowDays: WINDOW_DAYS };

export const LoadState = z.enum(['available', 'resting', 'over_cap']);
export type LoadState = z.infer<typeof LoadState>;

export const AdvocateLoad = z.object({
  state: LoadState,
  /** Completed engagements inside the rolling window. */
  used: z.number().int().min(0),
  cap: z.number().int().min(0),
  windowDays: z.number().int().min(1),
  cooldownDays: z.number().int().min(0),
  /** Approved or scheduled engagements that have not happened yet: they hold places under the cap, not in `used`. */
  upcoming: z.number().int().min(0),
  lastEngagedAt: z.string().nullable(),
  /** End of the cooldown after the last engagement, while it lies in the future. */
  restingUntil: z.string().nullable(),
  /** When the advocate can be asked again (null: available now, never while the cap is 0, or once booked ones happen). */
  availableFrom: z.string().nullable(),
  /** "2 of 3 this quarter" */
  summary: z.string(),
  /** "Available", "Resting until 12 Jan", "At cap until 3 Mar", "Fully booked: 2 coming up" */
  status: z.string(),
});
export type AdvocateLoad = z.infer<typeof AdvocateLoad>;

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "12 Jan" (UTC), with the year when it is not the year of `now`. */
export function shortDate(ms: number, now: Date): string {
  const d = new Date(ms);
  const base = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
  return d.getUTCFullYear() === now.getUTCFullYear() ? base : `${base} ${d.getUTCFullYear()}`;
}

/**
 * The load of one advocate at `now`, from the dates of their completed engagements (ISO strings, any
 * order; unparsable ones are ignored). At or over the cap wins over resting: it usually lasts longer.
 */
export function computeLoad(
  input: { engagements: readonly string[]; upcoming?: number },
  policy: BurnoutPolicy,
  now: Date,
): AdvocateLoad {
  const t = now.getTime();
  const times = input.engagements
    .map((s) => Date.parse(s))
    .filter((x) => Number.isFinite(x))
    .sort((a, b) => a - b);
  const windowStart = t - policy.windowDays * DAY_MS;
  const inWindow = times.filter((x) => x > windowStart);
  const used = inWindow.length;
  const last = times.length ? times[times.length - 1] : null;
  const cooldownEnd = last === null ? null : last + policy.cooldownDays * DAY_MS;
  const resting = cooldownEnd !== null && cooldownEnd > t;
  const atCap = used >= policy.cap;
  const upcoming = Math.max(0, input.upcoming ?? 0);
  // Booked up: the places left under the cap are all taken by engagements still to happen.
  const booked = !atCap && upcoming > 0 && used + upcoming >= policy.cap;

  let availableFrom: number | null = null;
  let state: LoadState = 'available';
  let status = 'Available';
  if (atCap) {
    state = 'over_cap';
    if (policy.cap === 0) {
      status = 'Not to be asked (cap set to 0)';
    } else {
      // Enough engagements must leave the window to get back under the cap: the (used − cap + 1)th oldest.
      const frees = inWindow[used - policy.cap] + policy.windowDays * DAY_MS;
      availableFrom = resting ? Math.max(frees, cooldownEnd!) : frees;
      status = `${used > policy.cap ? 'Over' : 'At'} cap until ${shortDate(availableFrom, now)}`;
    }
  } else if (booked) {
    // When places free up depends on when the booked ones happen: no date to give.
    state = 'over_cap';
    status = `Fully booked: ${upcoming} coming up`;
  } else if (resting) {
    state = 'resting';
    availableFrom = cooldownEnd;
    status = `Resting until ${shortDate(cooldownEnd!, now)}`;
  }

  return {
    state,
    used,
    cap: policy.cap,
    windowDays: policy.windowDays,
    cooldownDays: policy.cooldownDays,
    upcoming,
    lastEngagedAt: last === null ? null : new Date(last).toISOString(),
    restingUntil: resting ? new Date(cooldownEnd!).toISOString() : null,
    availableFrom: availableFrom === null ? null : new Date(availableFrom).toISOString(),
    summary: `${used} of ${policy.cap} this quarter`,
    status,
  };
}

/** The policy of one advocate: their own cap when a manager set one, else the default. */
export function policyFor(defaults: BurnoutPolicy, capOverride: number | null | undefined): BurnoutPolicy {
  return capOverride === null || capOverride === undefined ? defaults : { ...defaults, cap: capOverride };
}

export const BurnoutSummary = z.object({
  mode: OvercapMode,
  /** Resting or at-cap advocates left out of the results (mode `hide`). */
  hidden: z.number().int().min(0),
  /** Resting or at-cap advocates moved below available ones (mode `rank`). */
  rankedDown: z.number().int().min(0),
});
export type BurnoutSummary = z.infer<typeof BurnoutSummary>;

/**
 * Applies the over-cap setting to candidates already ordered by relevance. `rank`: available advocates
 * first, each group in relevance order, then cut to `limit`; `rankedDown` counts the unavailable ones that
 * ended lower than their relevance put them. `hide`: unavailable ones are dropped and later candidates fill
 * their places; `hidden` counts those that would otherwise have been shown (within the first `limit`).
 */
export function applyLoadPolicy<T extends { load: AdvocateLoad }>(
  ranked: readonly T[],
  mode: OvercapMode,
  limit: number,
): { items: T[]; summary: BurnoutSummary } {
  const available = (x: T) => x.load.state === 'available';
  if (mode === 'hide') {
    const hidden = ranked.slice(0, limit).filter((x) => !available(x)).length;
    return { items: ranked.filter(available).slice(0, limit), summary: { mode, hidden, rankedDown: 0 } };
  }
  const ordered = [...ranked.filter(available), ...ranked.filter((x) => !available(x))];
  const items = ordered.slice(0, limit);
  const rankedDown = ranked
    .slice(0, limit)
    .filter((x, i) => !available(x) && ordered.indexOf(x) > i).length;
  return { items, summary: { mode, hidden: 0, rankedDown } };
}
