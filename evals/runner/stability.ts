import { PROFILE_FIELD_NAMES, ProfileFields } from '../../server/domain/profile.js';
import { normaliseForMatch } from '../../server/domain/textmatch.js';
import { norm } from '../lib/compare-values.js';

/** Quotes keep their case (a re-cased quote is no longer verbatim); other values compare case-insensitively. */
const quoteForm = (s: string) => normaliseForMatch(s).text.trim();

/** A profile reduced to comparable field values (normalised; list order ignored). */
function fingerprint(output: unknown): string[] | null {
  const parsed = ProfileFields.safeParse(output);
  if (!parsed.success) return null;
  return PROFILE_FIELD_NAMES.map((field) => {
    const value = parsed.data[field];
    const form = field === 'quotes' ? quoteForm : norm;
    return JSON.stringify(Array.isArray(value) ? value.map(form).sort() : form(value));
  });
}

/**
 * How alike the repeats of one case are: over every pair of repeats, the share of profile fields with the
 * same value (two failures agree, a failure and an output do not). 1 = identical every time; null with
 * fewer than two repeats.
 */
export function stabilityOf(outputs: unknown[]): number | null {
  if (outputs.length < 2) return null;
  const prints = outputs.map(fingerprint);
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < prints.length; i++) {
    for (let j = i + 1; j < prints.length; j++) {
      const a = prints[i];
      const b = prints[j];
      sum += a === null || b === null ? Number(a === b) : a.filter((v, f) => v === b[f]).length / a.length;
      pairs += 1;
    }
  }
  return sum / pairs;
}
