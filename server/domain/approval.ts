import { z } from 'zod';
import { DraftCheck } from './evidence.js';
import { alignEvidence, checkDraft } from './grounding.js';
import { FIELD_LABELS, type ProfileFields } from './profile.js';
import { plainText } from './text.js';

/**
 * Rule 2 of the product: a quote the customer did not say, or a number the notes do not contain, cannot
 * reach a profile unnoticed. Approval re-runs the checks on what the reviewer is approving (edits included);
 * failures block it unless the reviewer gives an explicit override with a reason, which is stored and audited.
 */
export const ApprovalOverride = z.strictObject({
  reason: plainText().trim().min(10, 'Explain the override in at least 10 characters').max(2000),
});
export type ApprovalOverride = z.infer<typeof ApprovalOverride>;

/** The override as stored on the advocate version: the reason (read back as written) and the checks it overrode. */
export const StoredOverride = z.object({ reason: z.string(), checks: z.array(DraftCheck) });
export type StoredOverride = z.infer<typeof StoredOverride>;

export function approvalBlockers(text: string, profile: ProfileFields): DraftCheck[] {
  return checkDraft(text, profile, alignEvidence(text, profile)).filter(
    (c) => c.status === 'fail' && (c.kind === 'quote' || c.kind === 'number'),
  );
}

/** "Verbatim quotes 2: not in notes" — one line per blocking check, for people. */
export function describeCheck(check: DraftCheck): string {
  const where = check.index === undefined ? FIELD_LABELS[check.field] : `${FIELD_LABELS[check.field]} ${check.index + 1}`;
  return `${where}: ${check.message}`;
}

/** Where a check points in the approval body, for field-level error display. */
export function checkPath(check: DraftCheck): string {
  return ['profile', check.field, ...(check.index === undefined ? [] : [String(check.index)])].join('.');
}
