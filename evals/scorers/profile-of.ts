import { ProfileFields } from '../../server/domain/profile.js';
import type { Sample, ScoreResult } from './types.js';

/** The sample's output as a profile, or null when there is none or it does not match ProfileFields. */
export function profileOf(sample: Sample): ProfileFields | null {
  if (sample.error !== undefined) return null;
  const parsed = ProfileFields.safeParse(sample.output);
  return parsed.success ? parsed.data : null;
}

/** What a content scorer says when there is nothing to check (schemaValidity says why). */
export const noOutput = (): ScoreResult => ({ pass: false, score: 0, reason: 'no valid output to check' });
