import { checkDraft } from '../../server/domain/grounding.js';
import { emptyProfile } from '../../server/domain/profile.js';
import { noOutput, profileOf } from './profile-of.js';
import type { Scorer } from './types.js';

/**
 * Share of drafted quotes found verbatim in the notes, by the server's own quote check (Rule 2: quotes
 * must appear in the notes after normalising quote marks, dashes and white space).
 */
export const quoteFaithfulness: Scorer = ({ text, sample }) => {
  const profile = profileOf(sample);
  if (!profile) return noOutput();
  const checks = checkDraft(text, { ...emptyProfile(), quotes: profile.quotes }, []).filter((c) => c.kind === 'quote');
  const found = checks.filter((c) => c.status === 'pass').length;
  const details = { quotes: checks.length, found };
  if (checks.length === 0) return { pass: true, score: 1, reason: 'no quotes drafted', details };
  const missing = checks.filter((c) => c.status !== 'pass').map((c) => `"${clip(profile.quotes[c.index ?? 0])}"`);
  return {
    pass: missing.length === 0,
    score: found / checks.length,
    reason: missing.length === 0 ? `all ${found} quotes verbatim` : `${missing.length}/${checks.length} quotes not in notes: ${missing.join(', ')}`,
    details,
  };
};

const clip = (s: string, max = 60) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
