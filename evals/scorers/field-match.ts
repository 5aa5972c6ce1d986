import { PROFILE_FIELD_NAMES, SCALAR_FIELDS, emptyProfile } from '../../server/domain/profile.js';
import type { ProfileFieldName, ProfileFields } from '../../server/domain/profile.js';
import type { Gold } from '../dataset/profiles.js';
import { alternatives, matchesGold } from '../lib/compare-values.js';
import { prf, type FieldCounts } from '../lib/prf.js';
import { profileOf } from './profile-of.js';
import type { Scorer } from './types.js';

type GoldValue = NonNullable<Gold[ProfileFieldName]>;
type GoldItem = string | string[];

const isScalar = (field: ProfileFieldName) => (SCALAR_FIELDS as readonly string[]).includes(field);

/** Drafted items of a field, as a list (a scalar is a list of at most one). */
function draftedItems(profile: ProfileFields, field: ProfileFieldName): string[] {
  const value = profile[field];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter(Boolean);
}

/** Gold items: a scalar is one item (with its alternatives), or none when it must stay empty (""). */
function goldItems(field: ProfileFieldName, gold: GoldValue): GoldItem[] {
  if (isScalar(field)) return gold === '' ? [] : [gold as GoldItem];
  return gold as GoldItem[];
}

export function countField(field: ProfileFieldName, gold: GoldValue, profile: ProfileFields): FieldCounts {
  const drafted = draftedItems(profile, field);
  const wanted = goldItems(field, gold);
  return {
    pred: drafted.length,
    predMatched: drafted.filter((d) => wanted.some((g) => matchesGold(field, d, g))).length,
    gold: wanted.length,
    goldMatched: wanted.filter((g) => drafted.some((d) => matchesGold(field, d, g))).length,
  };
}

function describeMiss(field: ProfileFieldName, c: FieldCounts, gold: GoldValue): string {
  const extra = c.pred - c.predMatched;
  if (c.gold === 0) return `${field}: should be empty, drafted ${c.pred}`;
  if (isScalar(field)) {
    const want = alternatives(gold as GoldItem)[0];
    return c.goldMatched ? `${field}: right, plus ${extra} other` : `${field}: want "${want}"${c.pred ? ', drafted something else' : ', left empty'}`;
  }
  return `${field}: found ${c.goldMatched}/${c.gold}${extra ? `, ${extra} of ${c.pred} drafted not in gold` : ''}`;
}

/**
 * Per-field precision/recall against the case's gold facts; the case's score is the mean F1 over the
 * fields its gold names. No valid output counts as an empty profile: every gold fact is missed.
 */
export const fieldMatch: Scorer = ({ testCase, sample, options }) => {
  const profile = profileOf(sample) ?? emptyProfile();
  const details: Record<string, number> = {};
  const misses: string[] = [];
  let sum = 0;
  let fields = 0;
  for (const field of PROFILE_FIELD_NAMES) {
    const gold = testCase.gold[field];
    if (gold === undefined) continue;
    const counts = countField(field, gold, profile);
    for (const [k, v] of Object.entries(counts)) details[`${field}.${k}`] = v;
    const { f1 } = prf(counts);
    sum += f1;
    fields += 1;
    if (f1 < 1) misses.push(describeMiss(field, counts, gold));
  }
  const score = fields === 0 ? 1 : sum / fields;
  const reason = misses.length === 0 ? `all ${fields} gold fields right` : `F1 ${score.toFixed(2)}: ${misses.join('; ')}`;
  return { pass: score >= options.passF1, score, reason, details };
};
