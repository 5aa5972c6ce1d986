/**
 * Judged prospect queries over the pool in judged-profiles.ts, worded the way reps type them: mostly
 * paraphrases ("teaching hospital", "linemen", "teacher absences") rather than the profiles' own words,
 * some with product names and acronyms that only the full-text side can match exactly.
 * Grades: 3 = the advocate to call, 2 = a good match on most of what matters, 1 = partly relevant.
 *
 * Two parts:
 * - JUDGED_QUERIES (tuning): the first 34 queries (written before any run of the benchmark), then 26
 *   harder ones where the profile's own words are avoided on purpose: "clinic" for a hospital advocate,
 *   "lender" for a bank, a role described without its title ("the person in charge of the money").
 *   Retrieval and fusion may be tuned on these.
 * - HELD_OUT_QUERIES: 28 more of the same kind, written at the same time as the hard tuning queries and
 *   before any change was measured on them. Nothing is tuned on them; only their totals are looked at.
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
  // Harder: synonyms and paraphrases where the profile's words fail.
  { text: 'outpatient clinic network in Germany whose phone lines are jammed with appointment calls', relevant: { j04: 3, j01: 2, j03: 2 } },
  { text: 'a lender in the American Midwest that wants its accounts to reconcile themselves', relevant: { j10: 3, j09: 1 } },
  { text: 'the person in charge of the money at a small Alpine bank, closing the books takes forever', relevant: { j09: 3, j16: 1, j10: 1 } },
  { text: 'security chief at a French lender facing the new EU resilience rules', relevant: { j12: 3, j31: 1, j11: 1 } },
  { text: 'hospital in Ireland for sick kids linking its patient records to other software', relevant: { j05: 3, j01: 1 } },
  { text: 'nursing homes in Arizona paying too much overtime to carers', relevant: { j07: 3, j08: 1, j02: 1 } },
  { text: 'visiting nurses for old people in Denmark, their driving routes take too long', relevant: { j08: 3, j07: 1 } },
  { text: 'car insurer that pays out claims too slowly', relevant: { j14: 3, j16: 1, j15: 1 } },
  { text: 'insurance company in the Netherlands whose phone agents are overwhelmed', relevant: { j15: 3, j14: 1 } },
  { text: 'supermarket chain in Ontario putting checkout staff on shifts by footfall', relevant: { j17: 3, j20: 2 } },
  { text: 'webshop selling football boots in Bavaria, too few visitors check out', relevant: { j18: 3 } },
  { text: 'stamping plant near Stuttgart where the presses keep breaking down', relevant: { j21: 3, j24: 1 } },
  { text: 'Mexican candy maker preparing for hygiene inspections', relevant: { j22: 3, j20: 1 } },
  { text: 'chip maker in Singapore worried that component vendors deliver late', relevant: { j23: 3 } },
  { text: 'haulier in Antwerp struggling with EU rules on how long drivers may work', relevant: { j25: 3, j27: 1 } },
  { text: 'Portuguese carrier planning cabin crew and pilot duty times', relevant: { j27: 3, j25: 1 } },
  { text: 'utility in the Scottish Highlands sending crews out to leaks', relevant: { j28: 3, j29: 1 } },
  { text: 'rural power cooperative in Kansas restoring outages after tornadoes', relevant: { j29: 3, j28: 1, j37: 1 } },
  { text: 'North Sea wind park scheduling technicians and boats for turbine servicing', relevant: { j30: 3 } },
  { text: "city hall in Lyon that must keep residents' data on French soil", relevant: { j31: 3, j12: 1 } },
  { text: 'K-12 district in California that cannot find substitute teachers', relevant: { j34: 3 } },
  { text: 'Nigerian university losing first-year students', relevant: { j35: 3 } },
  { text: 'Turkish mobile carrier connecting billing to partners', relevant: { j36: 3, j13: 1 } },
  { text: 'fibre broadband company in Minnesota booking installer visits', relevant: { j37: 3, j29: 1 } },
  { text: 'SaaS company in Texas chasing its SOC 2 audit', relevant: { j38: 3, j39: 1 } },
  { text: 'hotel group in the Dolomites staffing up for the ski season', relevant: { j40: 3 } },
];

/** Never tuned on (see above). */
export const HELD_OUT_QUERIES: JudgedQuery[] = [
  { text: 'medical centre in Spain where patients should be able to schedule visits on the web', relevant: { j04: 3, j03: 1 } },
  { text: 'health system in Wisconsin with too many no-shows and a swamped call centre', relevant: { j03: 3, j04: 1 } },
  { text: 'NHS trust that wants to stop paying agencies for temporary nurses', relevant: { j02: 3, j07: 1 } },
  { text: 'doctors at a big teaching hospital in Frankfurt swapping night duty', relevant: { j01: 3, j02: 1 } },
  { text: 'telemedicine provider in Japan measuring its video consultations', relevant: { j06: 3 } },
  { text: 'credit union cleaning up its general ledger', relevant: { j10: 3, j09: 1 } },
  { text: 'neobank in Dubai that loses money to stolen cards', relevant: { j11: 3, j12: 1 } },
  { text: 'payments startup in Prague that needs strong customer authentication', relevant: { j39: 3, j13: 2 } },
  { text: 'Indian digital bank exposing APIs to partners', relevant: { j13: 3, j39: 2 } },
  { text: 'insurer in Lisbon that takes two weeks to close each quarter', relevant: { j16: 3, j09: 1 } },
  { text: 'property and casualty carrier in Connecticut looking for fraudulent claims', relevant: { j14: 3 } },
  { text: 'chain of convenience stores in Texas doing food safety checks', relevant: { j20: 3, j22: 1 } },
  { text: 'Brazilian home goods retailer losing stock to theft', relevant: { j19: 3 } },
  { text: 'steelworks in northern Sweden planning round-the-clock furnace crews', relevant: { j24: 3 } },
  { text: 'warehouse in Indiana hiring temps for the holiday peak', relevant: { j26: 3 } },
  { text: 'DMV offices in Oregon with long queues', relevant: { j32: 3 } },
  { text: 'council in New Zealand with a backlog of building inspections', relevant: { j33: 3 } },
  { text: 'school district that must protect staff records under FERPA', relevant: { j34: 3 } },
  { text: 'college in Lagos predicting which students will drop out', relevant: { j35: 3 } },
  { text: 'Kubernetes shop that needs secrets management and an auditor-friendly evidence trail', relevant: { j38: 3, j12: 1 } },
  { text: 'electronics plants in Malaysia and China hit by parts shortages', relevant: { j23: 3 } },
  { text: 'offshore energy operator in Bremen maximising turbine uptime', relevant: { j30: 3 } },
  { text: 'French-speaking bank executive worried about regulators asking for proof', relevant: { j12: 3, j31: 1 } },
  { text: 'German-speaking finance chief at a bank', relevant: { j09: 3, j16: 1 } },
  { text: 'Spanish-speaking medical director at a hospital', relevant: { j04: 3 } },
  { text: 'grocery retailer in Canada scheduling bilingual store staff', relevant: { j17: 3 } },
  { text: 'freight company in Belgium, trucks, too much overtime', relevant: { j25: 3 } },
  { text: 'airline in Portugal cutting last-minute roster changes', relevant: { j27: 3 } },
];
