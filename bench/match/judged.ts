/**
 * Judged prospect queries over the pool in judged-profiles.ts, worded the way reps type them: mostly
 * paraphrases ("teaching hospital", "linemen", "teacher absences") rather than the profiles' own words,
 * some with product names and acronyms that only the full-text side can match exactly.
 * Grades: 3 = the advocate to call, 2 = a good match on most of what matters, 1 = partly relevant.
 * Written before any run of the benchmark and not changed after seeing results.
 */
export { JUDGED_PROFILES } from './judged-profiles.js';

export interface JudgedQuery {
  text: string;
  /** Advocate id → grade; unlisted advocates are 0. */
  relevant: Record<string, 1 | 2 | 3>;
}

export const JUDGED_QUERIES: JudgedQuery[] = [
  { text: 'teaching hospital in Germany that needs doctors to trade on-call shifts', relevant: { j01: 3, j02: 1, j03: 1, j05: 1 } },
  { text: 'UK hospital trust spending too much on agency nurses', relevant: { j02: 3, j07: 1, j01: 1 } },
  { text: 'US health system with lots of missed appointments', relevant: { j03: 3, j04: 1 } },
  { text: 'private clinic in Spain that wants patients to book online', relevant: { j04: 3, j03: 1 } },
  { text: "children's hospital connecting its electronic medical record to other systems", relevant: { j05: 3, j01: 1 } },
  { text: 'assisted living operator in the Southwest worried about caregiver overtime', relevant: { j07: 3, j08: 1, j02: 1 } },
  { text: 'home care company in Scandinavia planning visits to elderly clients', relevant: { j08: 3, j07: 1 } },
  { text: 'Austrian bank that wants to speed up its month-end close', relevant: { j09: 3, j10: 2, j16: 1 } },
  { text: 'credit union in the Midwest automating reconciliations', relevant: { j10: 3, j09: 2 } },
  { text: 'digital bank in the Middle East fighting card fraud', relevant: { j11: 3, j14: 1, j12: 1 } },
  { text: 'CISO at a French bank preparing for DORA', relevant: { j12: 3, j11: 1, j31: 1 } },
  { text: 'Indian fintech building open banking integrations', relevant: { j13: 3, j39: 2 } },
  { text: 'insurer that wants faster claims handling with analytics', relevant: { j14: 3, j16: 1, j15: 1 } },
  { text: 'Dutch insurance company whose call center cannot keep up', relevant: { j15: 3, j14: 1 } },
  { text: 'Portuguese insurer struggling with IFRS 17 reporting', relevant: { j16: 3, j09: 1 } },
  { text: 'Canadian grocery chain scheduling cashiers to demand', relevant: { j17: 3, j20: 2 } },
  { text: 'online sports shop wants more visitors to buy', relevant: { j18: 3 } },
  { text: 'car parts plant losing production to machine breakdowns', relevant: { j21: 3, j24: 1 } },
  { text: 'food producer in Latin America facing food safety audits', relevant: { j22: 3, j20: 1 } },
  { text: 'electronics maker worried about late suppliers in Asia', relevant: { j23: 3 } },
  { text: 'trucking company in Belgium, driver hours and tachograph rules', relevant: { j25: 3, j27: 1 } },
  { text: 'regional airline rostering flight attendants', relevant: { j27: 3, j25: 1 } },
  { text: 'water company in Scotland sending crews to fix burst pipes', relevant: { j28: 3, j29: 1 } },
  { text: 'electric co-op dispatching linemen after storms', relevant: { j29: 3, j28: 1, j37: 1 } },
  { text: 'offshore wind farm planning turbine maintenance', relevant: { j30: 3 } },
  { text: 'French city government that must keep citizen data in the country', relevant: { j31: 3, j12: 1 } },
  { text: 'school district struggling to cover teacher absences', relevant: { j34: 3 } },
  { text: 'university in Africa trying to keep students from dropping out', relevant: { j35: 3 } },
  { text: 'mobile network operator integrating its billing platform', relevant: { j36: 3, j13: 1 } },
  { text: 'broadband provider scheduling fiber installations', relevant: { j37: 3, j29: 1 } },
  { text: 'B2B SaaS startup that needs SOC 2 quickly', relevant: { j38: 3, j39: 1 } },
  { text: 'ski resort hiring seasonal staff in the Alps', relevant: { j40: 3 } },
  { text: 'Shiftwise reference in healthcare', relevant: { j01: 3, j02: 3, j03: 3, j04: 3, j07: 2, j08: 1 } },
  { text: 'German-speaking Ledgerline customer', relevant: { j09: 3, j10: 1, j16: 1 } },
];
