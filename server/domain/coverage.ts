import { z } from 'zod';
import { countryOf, industryOf, regionMatches, type Intent } from './intent.js';
import { PersonRef } from './request.js';
import { plainText } from './text.js';

/**
 * A portfolio aligned with strategy: targets (how many consenting, active advocates the program wants per
 * segment), coverage (how many it has), and demand (the segments reps searched for and found few advocates
 * in). A segment is an industry and/or a region, optionally a product; one matching rule (`fitsSegment`)
 * decides for targets and for demand, the same comparisons matching uses for its intent boosts.
 */
export type Segment = { industry: string; region: string; product: string };

/** Fewer fitting advocates than this in a search's results counts as "few". */
export const FEW_RESULTS = 3;

const tidy = (s: string | undefined) => (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

/** Industry on the rules' labels ("hospitals" → Healthcare) so a target and a profile compare like with like. */
export const canonicalIndustry = (s: string | undefined): string => {
  const t = tidy(s);
  return t ? (industryOf(t) ?? capitalise(t)) : '';
};

export function normaliseSegment(s: { industry?: string; region?: string; product?: string }): Segment {
  return { industry: canonicalIndustry(s.industry), region: capitalise(tidy(s.region)), product: tidy(s.product) };
}

/** Unique per segment whatever the spelling of case and spaces. */
export const segmentKey = (s: Segment): string => [s.industry, s.region, s.product].map((v) => v.toLowerCase()).join('|');

export const segmentLabel = (s: { industry: string; region: string; product?: string; products?: string[] }): string =>
  [s.industry, s.region, s.product ?? '', ...(s.products ?? [])].filter(Boolean).join(' · ') || 'Any segment';

/** The profile fields a segment looks at. */
export type SegmentProfile = { industry: string; region: string; products: string[] };

const productMatches = (want: string, have: readonly string[]) => {
  const w = want.toLowerCase();
  return have.some((p) => p.toLowerCase().includes(w) || w.includes(p.toLowerCase()));
};

/** Whether an advocate's approved profile is in the segment (empty parts of the segment match anything). */
export function fitsSegment(s: { industry: string; region: string; products: readonly string[] }, a: SegmentProfile): boolean {
  if (s.industry && canonicalIndustry(a.industry).toLowerCase() !== s.industry.toLowerCase()) return false;
  if (s.region && !regionMatches(s.region, a.region)) return false;
  if (s.products.length && !s.products.some((p) => productMatches(p, a.products))) return false;
  return true;
}

const targetPart = (what: string) => plainText().trim().max(120, `Keep the ${what} under 120 characters`).optional();

// POST /api/program/targets — a manager sets a target for a segment
export const TargetBody = z
  .strictObject({
    industry: targetPart('industry'),
    region: targetPart('region'),
    product: targetPart('product'),
    wanted: z
      .number({ message: 'Give the number of advocates wanted' })
      .int('Give a whole number')
      .min(1, 'Want at least one advocate')
      .max(1000, 'At most 1,000'),
  })
  .refine((t) => Boolean(t.industry?.trim() || t.region?.trim()), {
    message: 'Give an industry or a region (or both)',
    path: ['industry'],
  });
export type TargetBody = z.input<typeof TargetBody>;

// POST /api/program/targets/:id — change the number wanted
export const UpdateTargetBody = z.strictObject({ wanted: TargetBody.shape.wanted });
export type UpdateTargetBody = z.infer<typeof UpdateTargetBody>;

export const Target = z.object({
  id: z.string(),
  industry: z.string(),
  region: z.string(),
  product: z.string(),
  wanted: z.number().int(),
  updatedBy: PersonRef,
  updatedAt: z.string(),
});
export type Target = z.infer<typeof Target>;

export const TargetCoverage = Target.extend({
  label: z.string(),
  /** Consenting, active advocates in the segment. */
  have: z.number().int(),
  /** Of those, how many can be asked now (not resting or at their cap). */
  availableNow: z.number().int(),
  gap: z.number().int(),
  /** A few of them, for a manager to check the count against names. */
  sample: z.array(z.object({ id: z.string(), name: z.string(), company: z.string() })),
});
export type TargetCoverage = z.infer<typeof TargetCoverage>;

export type CoverageAdvocate = SegmentProfile & { id: string; name: string; company: string; available: boolean };

/** Coverage of each target by the consenting, active advocates given; biggest gaps first. */
export function coverageOf(targets: readonly Target[], advocates: readonly CoverageAdvocate[], sampleSize = 5): TargetCoverage[] {
  return targets
    .map((t) => {
      // Profiles repeat their industry and place: each distinct value is compared with the target once.
      const byIndustry = new Map<string, boolean>();
      const byRegion = new Map<string, boolean>();
      const once = (cache: Map<string, boolean>, value: string, test: () => boolean) => {
        let hit = cache.get(value);
        if (hit === undefined) cache.set(value, (hit = test()));
        return hit;
      };
      const fitting = advocates.filter(
        (a) =>
          once(byIndustry, a.industry, () => fitsSegment({ industry: t.industry, region: '', products: [] }, a)) &&
          once(byRegion, a.region, () => fitsSegment({ industry: '', region: t.region, products: [] }, a)) &&
          (!t.product || fitsSegment({ industry: '', region: '', products: [t.product] }, a)),
      );
      return {
        ...t,
        label: segmentLabel(t),
        have: fitting.length,
        availableNow: fitting.filter((a) => a.available).length,
        gap: Math.max(0, t.wanted - fitting.length),
        sample: fitting.slice(0, sampleSize).map(({ id, name, company }) => ({ id, name, company })),
      };
    })
    .sort((a, b) => b.gap - a.gap || b.wanted - a.wanted || a.label.localeCompare(b.label));
}

/**
 * What is kept of a search: the segment it asked for (industry, region as a country where one is named,
 * products), never the words. None when the intent names no segment at all.
 */
export type DemandSegment = { industry: string; region: string; products: string[] };

export function demandSegment(intent: Intent): DemandSegment | undefined {
  const industry = canonicalIndustry(intent.industry);
  const said = tidy(intent.region);
  const region = said ? (countryOf(said) ?? capitalise(said)) : '';
  const products = [...new Set(intent.products.map((p) => tidy(p).toLowerCase()).filter(Boolean))].sort().slice(0, 5);
  if (!industry && !region && products.length === 0) return undefined;
  return { industry, region, products };
}

/** How a search went for its segment: how many of the returned advocates are in it. */
export const demandOutcome = (fitting: number): { noFit: number; fewFit: number } => ({
  noFit: fitting === 0 ? 1 : 0,
  fewFit: fitting > 0 && fitting < FEW_RESULTS ? 1 : 0,
});

export type DemandRow = DemandSegment & { searches: number; noFit: number; fewFit: number };

export const DemandGap = z.object({
  industry: z.string(),
  region: z.string(),
  products: z.array(z.string()),
  label: z.string(),
  searches: z.number().int(),
  /** Searches none of whose results were in the segment. */
  noFit: z.number().int(),
  /** Searches with one or two results in it. */
  fewFit: z.number().int(),
  /** Whether a target covers this segment already (its industry and region, where it names them, are the same). */
  targeted: z.boolean(),
});
export type DemandGap = z.infer<typeof DemandGap>;

/**
 * Segments reps searched for that came up short, most often first: rows (per day) summed per segment,
 * keeping those where at least one search found fewer than FEW_RESULTS advocates in the segment.
 */
export function demandGaps(rows: readonly DemandRow[], targets: readonly Segment[], max = 10): DemandGap[] {
  const bySegment = new Map<string, DemandRow>();
  for (const r of rows) {
    const key = [r.industry, r.region, r.products.join(',')].join('|').toLowerCase();
    const sum = bySegment.get(key) ?? { ...r, searches: 0, noFit: 0, fewFit: 0 };
    sum.searches += r.searches;
    sum.noFit += r.noFit;
    sum.fewFit += r.fewFit;
    bySegment.set(key, sum);
  }
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return [...bySegment.values()]
    .filter((r) => r.noFit + r.fewFit > 0)
    .sort((a, b) => b.noFit + b.fewFit - (a.noFit + a.fewFit) || b.noFit - a.noFit || b.searches - a.searches)
    .slice(0, max)
    .map((r) => ({
      industry: r.industry,
      region: r.region,
      products: r.products,
      label: segmentLabel(r),
      searches: r.searches,
      noFit: r.noFit,
      fewFit: r.fewFit,
      targeted: targets.some((t) => (!t.industry || same(t.industry, r.industry)) && (!t.region || same(t.region, r.region))),
    }));
}

export const CoverageReport = z.object({
  targets: z.array(TargetCoverage),
  /** Consenting, active advocates (what coverage counts from). */
  advocates: z.number().int(),
  demand: z.object({
    days: z.number().int(),
    /** Searches whose intent named a segment, in those days. */
    searches: z.number().int(),
    gaps: z.array(DemandGap),
  }),
});
export type CoverageReport = z.infer<typeof CoverageReport>;
