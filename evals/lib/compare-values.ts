import { extractNumbers, type StatedNumber } from '../../server/domain/grounding.js';
import type { ProfileFieldName } from '../../server/domain/profile.js';
import { normaliseForMatch } from '../../server/domain/textmatch.js';

/**
 * How a drafted value is compared with a gold value. Both sides are normalised the way the server's
 * evidence matching normalises text (quotes, dashes, spaces, Unicode forms, case), and trimmed of
 * surrounding punctuation. Pure.
 */
export function norm(value: string): string {
  return normaliseForMatch(value, { caseInsensitive: true })
    .text.trim()
    .replace(/^[\s"'.,;:!?()[\]-]+|[\s"'.,;:!?()[\]-]+$/g, '');
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** `value` contains `wanted` starting at a word ("retailer" contains "retail", "Kuala Lumpur, Malaysia" contains "Malaysia"). */
export function containsFromWordStart(value: string, wanted: string): boolean {
  const v = norm(value);
  const w = norm(wanted);
  if (!w) return false;
  for (let at = v.indexOf(w); at >= 0; at = v.indexOf(w, at + 1)) {
    if (at === 0 || !WORD_CHAR.test(v[at - 1])) return true;
  }
  return false;
}

export const alternatives = (gold: string | string[]): string[] => (Array.isArray(gold) ? gold : [gold]);

function sameNumber(a: StatedNumber, b: StatedNumber): boolean {
  if (a.value !== b.value || a.kind !== b.kind) return false;
  return !a.currency || !b.currency || a.currency === b.currency;
}

/** Every number a gold outcome states also appears in the drafted outcome ("cut 18% of overtime" ~ "18 % less overtime"). */
function sameNumbers(drafted: string, gold: string): boolean | undefined {
  const wanted = extractNumbers(gold, { words: true });
  if (wanted.length === 0) return undefined;
  const have = extractNumbers(drafted, { words: true });
  return wanted.every((w) => have.some((h) => sameNumber(h, w)));
}

/** A drafted quote counts when it is the gold quote, or a good part of it (or the gold quote is a good part of it). */
function sameQuote(drafted: string, gold: string): boolean {
  const a = norm(drafted);
  const b = norm(gold);
  if (!a || !b) return false;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return long.includes(short) && short.length >= long.length / 2;
}

/** Does one drafted value satisfy one gold alternative, for this field? */
export function valueMatches(field: ProfileFieldName, drafted: string, gold: string): boolean {
  if (!drafted.trim()) return false;
  if (field === 'activities') return drafted === gold;
  if (field === 'quotes') return sameQuote(drafted, gold);
  if (field === 'outcomes') return sameNumbers(drafted, gold) ?? containsFromWordStart(drafted, gold);
  return containsFromWordStart(drafted, gold);
}

export const matchesGold = (field: ProfileFieldName, drafted: string, gold: string | string[]): boolean =>
  alternatives(gold).some((alt) => valueMatches(field, drafted, alt));
