import { z } from 'zod';
import { StoredOverride } from './approval.js';
import { FieldChange, ProfileFields } from './profile.js';

export const AdvocateStatus = z.enum(['active', 'resting', 'retired']);
export type AdvocateStatus = z.infer<typeof AdvocateStatus>;

/** An approved advocate as anyone with advocates:read sees it. Only human-approved content lives here. */
export const Advocate = ProfileFields.extend({
  id: z.string(),
  version: z.number().int().min(1),
  status: AdvocateStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Advocate = z.infer<typeof Advocate>;

export const AdvocateVersion = z.object({
  advocateId: z.string(),
  version: z.number().int().min(1),
  profile: ProfileFields,
  draftId: z.string(),
  approvedBy: z.string(),
  approvedByName: z.string(),
  approvedAt: z.string(),
  /** Field-by-field: what the AI drafted (before) and what the reviewer approved (after). */
  changesFromDraft: z.array(FieldChange),
  /** Set when the reviewer approved despite failing quote/number checks. */
  override: StoredOverride.nullable(),
});
export type AdvocateVersion = z.infer<typeof AdvocateVersion>;

/** Identity used to decide whether an approval updates an existing advocate or creates one. */
export function advocateKey(p: { name: string; company: string }): string {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${norm(p.name)}|${norm(p.company)}`;
}
