import { z } from 'zod';
import { StoredOverride } from './approval.js';
import { Consent } from './consent.js';
import { EvidenceExcerpt } from './evidence.js';
import { FieldChange, StoredProfile, type ProfileFields } from './profile.js';
import { plainText } from './text.js';
import { Email } from './user.js';

export const AdvocateStatus = z.enum(['active', 'resting', 'retired']);
export type AdvocateStatus = z.infer<typeof AdvocateStatus>;

/**
 * An approved advocate as anyone with advocates:read sees it. Only human-approved content lives here: the
 * profile, and the evidence excerpts snapshotted with it at approval (server/domain/excerpts.ts). Reps only
 * ever see advocates whose consent is granted (server/domain/consent.ts).
 */
export const Advocate = StoredProfile.extend({
  id: z.string(),
  version: z.number().int().min(1),
  status: AdvocateStatus,
  consent: Consent,
  /** The sentence behind each approved fact, as the reviewer approved it (empty for versions approved before excerpts). */
  evidence: z.array(EvidenceExcerpt),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Advocate = z.infer<typeof Advocate>;

export const AdvocateVersion = z.object({
  advocateId: z.string(),
  version: z.number().int().min(1),
  profile: StoredProfile,
  draftId: z.string(),
  approvedBy: z.string(),
  approvedByName: z.string(),
  approvedAt: z.string(),
  /** Field-by-field: what the AI drafted (before) and what the reviewer approved (after). */
  changesFromDraft: z.array(FieldChange),
  /** Set when the reviewer approved despite failing quote/number checks. */
  override: StoredOverride.nullable(),
  /** The evidence excerpts approved with this version. */
  evidence: z.array(EvidenceExcerpt),
});
export type AdvocateVersion = z.infer<typeof AdvocateVersion>;

/**
 * What everyone who may read an advocate learns of its history: which version, who approved it, when.
 * The rest of a version is the advocacy team's: `changesFromDraft` holds what the AI drafted (text no
 * person approved, rule 1: a reviewer may have removed a quote because it was off the record), `override`
 * quotes the checks that failed on the notes, `draftId` names a draft, and older profiles hold what a later
 * version took out (a retracted quote). So reps get stamps, and the full versions go with `drafts:read`.
 */
export const VersionStamp = AdvocateVersion.pick({ version: true, approvedByName: true, approvedAt: true });
export type VersionStamp = z.infer<typeof VersionStamp>;

export const versionStamps = (versions: AdvocateVersion[]): VersionStamp[] =>
  versions.map(({ version, approvedByName, approvedAt }) => ({ version, approvedByName, approvedAt }));

/** Text as the advocates list compares it: NFKC, lower case, runs of white space as one space. */
export const normalizeSearch = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * What the advocates list searches (GET /api/advocates?q=): name, title, company, industry, region and
 * products, normalised, one field per line. Stored with each version (advocates.search_text), so the
 * search is a plain LIKE in SQL on both dialects and never parses profiles.
 */
export function advocateSearchText(p: Pick<ProfileFields, 'name' | 'title' | 'company' | 'industry' | 'region' | 'products'>): string {
  return [p.name, p.title, p.company, p.industry, p.region, ...p.products].map(normalizeSearch).join('\n');
}

/** A search box's words (at most 8): an advocate matches when every one occurs in its search text. */
export function searchTerms(q: string | undefined): string[] {
  return [...new Set(normalizeSearch(q ?? '').split(' ').filter(Boolean))].slice(0, 8);
}

/** Identity used to decide whether an approval updates an existing advocate or creates one. */
export function advocateKey(p: { name: string; company: string }): string {
  const norm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
  return `${norm(p.name)}|${norm(p.company)}`;
}

/**
 * Private contact details: shown to managers/admins, and to a rep only on their approved request
 * (server/domain/request.ts#mayReleaseContact). Never part of Advocate, the search index or match results.
 */
export const AdvocateContact = z.object({ email: z.string(), phone: z.string() });
export type AdvocateContact = z.infer<typeof AdvocateContact>;

/** The advocacy program's settings for one advocate (managers and admins). */
export const AdvocateProgram = z.object({
  /** Own cap on engagements per rolling 90 days; null: the default (VOUCH_ADVOCATE_CAP). */
  engagementCap: z.number().int().nullable(),
  /** The cap in force (own or default). */
  effectiveCap: z.number().int(),
  /** Must also approve requests for this advocate, when set. */
  accountOwner: z.object({ id: z.string(), name: z.string(), email: z.string() }).nullable(),
  contact: AdvocateContact,
  updatedAt: z.string().nullable(),
});
export type AdvocateProgram = z.infer<typeof AdvocateProgram>;

export const ContactEmail = z.union([z.literal(''), Email]);
export const ContactPhone = plainText()
  .trim()
  .max(40, 'Keep the phone number under 40 characters')
  .regex(/^[+()\d\s./-]*$/, 'Use digits, spaces and + ( ) - . / only');
