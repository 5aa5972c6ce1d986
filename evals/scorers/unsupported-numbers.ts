import { checkDraft } from '../../server/domain/grounding.js';
import { emptyProfile } from '../../server/domain/profile.js';
import { noOutput, profileOf } from './profile-of.js';
import type { Scorer } from './types.js';

/**
 * Claims that state numbers (company size, use cases, outcomes) whose numbers are not in the notes, by the
 * server's number check ("40 %" = "40 percent", "$1.2M" = "$1,200,000", "three times" = "3x").
 * Quotes are left to quoteFaithfulness. Score: share of numeric claims fully supported.
 */
export const unsupportedNumbers: Scorer = ({ text, sample }) => {
  const profile = profileOf(sample);
  if (!profile) return noOutput();
  const claims = [profile.companySize, ...profile.useCases, ...profile.outcomes].filter((c) => c.trim() !== '');
  const checks = checkDraft(text, { ...emptyProfile(), outcomes: claims }, []).filter((c) => c.kind === 'number');
  const unsupported = checks.filter((c) => c.status === 'fail');
  const details = { claims: checks.length, unsupported: unsupported.length };
  if (checks.length === 0) return { pass: true, score: 1, reason: 'no numeric claims', details };
  const said = unsupported.map((c) => `${c.message} ("${claims[c.index ?? 0]}")`);
  return {
    pass: unsupported.length === 0,
    score: 1 - unsupported.length / checks.length,
    reason: unsupported.length === 0 ? `numbers of ${checks.length} claims all in notes` : said.join('; '),
    details,
  };
};
