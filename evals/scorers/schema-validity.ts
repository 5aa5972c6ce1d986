import { ProfileFields } from '../../server/domain/profile.js';
import type { Scorer } from './types.js';

/** The output is a ProfileFields object (an error from the provider counts as invalid). */
export const schemaValidity: Scorer = ({ sample }) => {
  if (sample.error !== undefined) return { pass: false, score: 0, reason: `no output: ${sample.error}` };
  const parsed = ProfileFields.safeParse(sample.output);
  if (parsed.success) return { pass: true, score: 1, reason: 'matches ProfileFields' };
  const issues = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'output'}: ${i.message}`);
  const more = parsed.error.issues.length > issues.length ? ` (+${parsed.error.issues.length - issues.length} more)` : '';
  return { pass: false, score: 0, reason: `does not match ProfileFields: ${issues.join('; ')}${more}` };
};
