/**
 * Ties a drafted profile back to the interview text: where each field is supported (evidence spans), and
 * which claims cannot be verified (checks). Offsets are always computed here from the text; whatever a
 * model says about positions is ignored.
 *
 * Pure; no IO.
 */
import { ACTIVITY_LABELS, ACTIVITIES, LIST_FIELDS, SCALAR_FIELDS } from './profile.js';
import type { Activity, ProfileFieldName, ProfileFields } from './profile.js';
import type { DraftCheck, EvidenceSpan } from './evidence.js';
import { maskInstructions } from './instructions.js';
import { PreparedText, findFuzzySpan, findSpan } from './textmatch.js';
import type { Span } from './textmatch.js';
import { createQuoteVerifier, unwrapQuote } from './quote-verifier.js';
import { own } from './lookup.js';

export { unwrapQuote };

/** Supporting excerpts by field. For list fields, when there is one excerpt per item, excerpt i supports item i. */
export type Excerpts = Partial<Record<ProfileFieldName, string[]>>;

// ---- Numbers ----

export interface StatedNumber {
  /** As written, e.g. "$1.2M", "40 %". */
  raw: string;
  value: number;
  kind: '' | '%' | 'x';
  /** '$', '€', '£', '¥', '₹' when stated. */
  currency?: string;
  /** Up to three words after the number in its clause, singular, without filler words: "days", "stores". */
  unit: string[];
}

const CURRENCY: Record<string, string> = {
  $: '$', usd: '$', cad: '$', aud: '$', dollar: '$', dollars: '$',
  '€': '€', eur: '€', euro: '€', euros: '€',
  '£': '£', gbp: '£', pound: '£', pounds: '£',
  '¥': '¥', jpy: '¥', yen: '¥', '₹': '₹', inr: '₹', rupees: '₹',
};
const MULTIPLIER: Record<string, number> = {
  k: 1e3, thousand: 1e3, m: 1e6, mm: 1e6, mn: 1e6, million: 1e6, b: 1e9, bn: 1e9, billion: 1e9,
};
const NUMBER_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve'];

// Currency before (symbol or code), the number (with thousands commas), a multiplier, a unit, currency after.
// Lower-case "m"/"b" only count as million/billion after a currency ("$5m"); "15 m" is more likely metres.
const NUMBER = new RegExp(
  String.raw`(?<cur>[$€£¥₹]|\b(?:USD|EUR|GBP|CAD|AUD|JPY|INR)\s?)?(?<![\p{L}\p{N}.,])` +
    String.raw`(?<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?|(?<word>${NUMBER_WORDS.join('|')})\b)` +
    String.raw`(?:\s?(?<mult>k|mm|mn|bn|m|b|thousand|million|billion)(?![\p{L}\p{N}]))?` +
    String.raw`(?:\s?(?<unit>%|percent\b|per cent\b|pct\b|x(?![\p{L}\p{N}])|×|times\b|-?fold\b))?` +
    String.raw`(?:\s?(?<after>USD|EUR|GBP|CAD|AUD|dollars?|euros?|pounds?)\b)?`,
  'giu',
);

/**
 * Every number stated in a text, with percent / multiplier / currency normalised: "40 %" = "40%" =
 * "40 percent", "1,200" = "1200", "$1.2M" = "$1,200,000", "3x" = "3 times". Spelled-out numbers (zero to
 * twelve) are only read when `words` is set: notes say "three times faster" where a summary writes "3x".
 */
export function extractNumbers(text: string, options: { words?: boolean } = {}): StatedNumber[] {
  const found: StatedNumber[] = [];
  for (const m of text.matchAll(NUMBER)) {
    const g = m.groups!;
    if (g.word && !options.words) continue;
    const currencyText = (g.cur ?? g.after ?? '').trim().toLowerCase();
    // "15 mm" and "5 m" are lengths and "3B" a grade unless money is involved; "$5m" and "$3B" are amounts.
    const moneyOnly = g.mult !== undefined && /^(?:m|mm|b|B)$/.test(g.mult);
    const mult = g.mult && !(moneyOnly && !currencyText) ? MULTIPLIER[g.mult.toLowerCase()] : 1;
    const base = g.word ? NUMBER_WORDS.indexOf(g.word.toLowerCase()) : parseDigits(g.num);
    const value = Number((base * mult).toPrecision(12));
    const stated = g.unit?.toLowerCase().trim();
    const kind = !stated ? '' : /^(%|percent|per cent|pct)$/.test(stated) ? '%' : 'x';
    const unit = kind || currencyText ? [] : unitWords(text.slice(m.index + m[0].length, m.index + m[0].length + 80));
    found.push({ raw: m[0].trim(), value, kind, currency: currencyText ? own(CURRENCY, currencyText) : undefined, unit });
  }
  return found;
}

const FILLER = new Set(
  'a an the to of and or in on at by per from for with than over under about around roughly nearly almost only just now then down up less more fewer each every across into since after before our their its his her my your we they it is was are were be been this that these those some new old'.split(' '),
);
const UNIT_ALIASES: Record<string, string> = { min: 'minute', mins: 'minute', hr: 'hour', hrs: 'hour', h: 'hour', sec: 'second', secs: 'second', s: 'second', wk: 'week', wks: 'week', yr: 'year', yrs: 'year', mo: 'month', mos: 'month' };

/** The words that say what a number counts: "two cross-dock warehouses" → cross, dock, warehouse. */
function unitWords(after: string): string[] {
  const clause = after.split(/[.,;:!?()\n]/)[0];
  return (clause.match(/\p{L}+/gu) ?? [])
    .slice(0, 3)
    .map((w) => w.toLowerCase())
    .filter((w) => !FILLER.has(w))
    .map((w) => own(UNIT_ALIASES, w) ?? (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
}

/** "1,200" is twelve hundred; "6,5" (one or two digits after the comma) is a decimal comma, as in German notes. */
function parseDigits(digits: string): number {
  return Number(/^\d+,\d{1,2}$/.test(digits) ? digits.replace(',', '.') : digits.replace(/,/g, ''));
}

/** Does a number stated in the notes back a number in a claim? A plain claim number accepts any unit. */
function backs(note: StatedNumber, claim: StatedNumber): boolean {
  if (note.value !== claim.value) return false;
  if (claim.kind && note.kind !== claim.kind) return false;
  // Two bare numbers that both say what they count must count the same thing.
  if (claim.unit.length > 0 && note.unit.length > 0 && !note.kind && !claim.unit.some((w) => note.unit.includes(w))) return false;
  return !claim.currency || !note.currency || claim.currency === note.currency;
}

// ---- Evidence ----

function isActivity(value: string): value is Activity {
  return (ACTIVITIES as readonly string[]).includes(value);
}

function uniqueSpans(spans: (Span | null)[]): Span[] {
  const seen = new Set<string>();
  return spans.filter((s): s is Span => {
    if (!s || seen.has(`${s.start}:${s.end}`)) return false;
    seen.add(`${s.start}:${s.end}`);
    return true;
  });
}

function locate(text: PreparedText, field: ProfileFieldName, rawValue: string, excerpts: string[]): Span[] {
  if (field === 'quotes') return uniqueSpans([findSpan(text, unwrapQuote(rawValue))]);
  const value = field === 'activities' && isActivity(rawValue) ? ACTIVITY_LABELS[rawValue] : rawValue;
  const direct = findSpan(text, value, { caseInsensitive: true });
  if (direct) return [direct];
  const fromExcerpts = uniqueSpans(
    excerpts.map((e) => findSpan(text, e, { caseInsensitive: true }) ?? findFuzzySpan(text, e)),
  );
  if (fromExcerpts.length > 0) return fromExcerpts;
  return uniqueSpans([findFuzzySpan(text, value)]);
}

/** Excerpts that belong to item `index` of a list field. */
function excerptsForItem(all: string[], items: string[], index: number): string[] {
  if (all.length === items.length) return [all[index]];
  const item = items[index];
  return all.filter((e) => findSpan(e, item, { caseInsensitive: true }) ?? findFuzzySpan(e, item));
}

/** Evidence spans for every non-empty scalar field and list item that can be found in the text. */
export function alignEvidence(text: string, profile: ProfileFields, excerpts: Excerpts = {}): EvidenceSpan[] {
  const prepared = new PreparedText(maskInstructions(text));
  const spans: EvidenceSpan[] = [];
  for (const field of SCALAR_FIELDS) {
    const value = profile[field].trim();
    if (!value) continue;
    for (const span of locate(prepared, field, value, excerpts[field] ?? [])) spans.push({ field, ...span });
  }
  for (const field of LIST_FIELDS) {
    const items: string[] = profile[field];
    items.forEach((item, index) => {
      if (!item.trim()) return;
      const own = excerptsForItem(excerpts[field] ?? [], items, index);
      for (const span of locate(prepared, field, item, own)) spans.push({ field, index, ...span });
    });
  }
  return spans;
}

// ---- Checks ----

function quoteChecks(text: string, profile: ProfileFields): DraftCheck[] {
  const said = createQuoteVerifier(text);
  return profile.quotes.flatMap((quote, index): DraftCheck[] => {
    if (!quote.trim()) return [];
    const found = said(quote, profile.name);
    return [{ kind: 'quote', field: 'quotes', index, status: found ? 'pass' : 'fail', message: found ? 'found in notes' : 'not in notes' }];
  });
}

/** Numbers a claim states. "zero" and "one" are left out: "one place", "no one" are not amounts. */
function claimNumbers(outcome: string): StatedNumber[] {
  return extractNumbers(outcome, { words: true }).filter((n) => !/^(?:zero|one)$/i.test(n.raw));
}

/** [start, end) of every line. */
function lineSpans(text: string): Span[] {
  const lines: Span[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    lines.push({ start, end: start + line.length });
    start += line.length + 1;
  }
  return lines;
}

const sameKind = (a: StatedNumber, b: StatedNumber) => a.kind === b.kind && a.currency === b.currency;

/**
 * One check per outcome that states numbers; outcomes without numbers are left to the support check.
 * A claimed number must be stated in the notes for the same thing: a bare number with the same unit word
 * ("2 days" is not backed by "two warehouses"), and a percentage, multiple or amount must agree with the
 * outcome's own evidence when that evidence states one ("20%" is not backed by a "30%" excerpt just because
 * "20%" is said about something else).
 */
function numberChecks(text: string, profile: ProfileFields, evidence: EvidenceSpan[]): DraftCheck[] {
  const stated = extractNumbers(text, { words: true });
  const lines = evidence.some((s) => s.field === 'outcomes') ? lineSpans(text) : [];
  return profile.outcomes.flatMap((outcome, index): DraftCheck[] => {
    const claimed = claimNumbers(outcome);
    if (claimed.length === 0) return [];
    // Numbers stated on the lines this outcome's own evidence touches.
    const own = evidence.filter((s) => s.field === 'outcomes' && s.index === index);
    const touched = lines.filter((l) => own.some((s) => s.start <= l.end && s.end >= l.start));
    const supporting = touched.flatMap((l) => extractNumbers(text.slice(l.start, l.end), { words: true }));
    const contradicted = (c: StatedNumber) =>
      (c.kind !== '' || c.currency !== undefined) && supporting.some((s) => sameKind(s, c)) && !supporting.some((s) => backs(s, c));
    const against = claimed.filter(contradicted).map((c) => `"${c.raw}"`);
    const absent = claimed.filter((c) => !contradicted(c) && !stated.some((s) => backs(s, c))).map((c) => `"${c.raw}"`);
    if (against.length + absent.length === 0) return [{ kind: 'number', field: 'outcomes', index, status: 'pass', message: 'numbers found in notes' }];
    const message = [
      ...(absent.length ? [`${absent.join(', ')} not in notes`] : []),
      ...(against.length ? [`${against.join(', ')} not in the supporting text`] : []),
    ].join('; ');
    return [{ kind: 'number', field: 'outcomes', index, status: 'fail', message }];
  });
}

/** Name and company are warnings, not failures: notes often abbreviate them ("Klinikum" for the full name). */
function entityChecks(text: PreparedText, profile: ProfileFields): DraftCheck[] {
  return (['name', 'company'] as const).flatMap((field): DraftCheck[] => {
    const value = profile[field].trim();
    if (!value) return [];
    const found = findSpan(text, value, { caseInsensitive: true }) ?? findFuzzySpan(text, value, 0.9);
    return [{ kind: 'entity', field, status: found ? 'pass' : 'warn', message: found ? 'found in notes' : 'not found in notes' }];
  });
}

/** Quotes are left out: an unsupported quote already fails its quote check. */
function supportChecks(text: string, profile: ProfileFields, evidence: EvidenceSpan[]): DraftCheck[] {
  const valid = evidence.filter((s) => s.start < s.end && s.end <= text.length);
  const supported = (field: ProfileFieldName, index?: number) =>
    valid.some((s) => s.field === field && s.index === index);
  const warn = (field: ProfileFieldName, index?: number): DraftCheck => ({
    kind: 'support', field, ...(index === undefined ? {} : { index }), status: 'warn', message: 'no supporting text found',
  });
  const checks: DraftCheck[] = [];
  for (const field of SCALAR_FIELDS) if (profile[field].trim() && !supported(field)) checks.push(warn(field));
  for (const field of LIST_FIELDS) {
    if (field === 'quotes') continue;
    (profile[field] as string[]).forEach((item, index) => {
      if (item.trim() && !supported(field, index)) checks.push(warn(field, index));
    });
  }
  return checks;
}

export function checkDraft(text: string, profile: ProfileFields, evidence: EvidenceSpan[]): DraftCheck[] {
  // Text that addresses a model is never evidence (same length: evidence offsets stay valid).
  const trusted = maskInstructions(text);
  const prepared = new PreparedText(trusted);
  const valid = evidence.filter((s) => s.start < s.end && s.end <= text.length);
  return [
    ...quoteChecks(trusted, profile),
    ...numberChecks(trusted, profile, valid),
    ...entityChecks(prepared, profile),
    ...supportChecks(text, profile, evidence),
  ];
}

export function failingChecks(checks: DraftCheck[]): DraftCheck[] {
  return checks.filter((c) => c.status === 'fail');
}
