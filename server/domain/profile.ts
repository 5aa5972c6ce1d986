import { z } from 'zod';
import { plainText } from './text.js';

/**
 * The advocate profile as a drafter proposes it and a reviewer approves it.
 *
 * Deliberately flat (strings and arrays of strings/enums only, no nullable unions, no $ref, no regex
 * patterns): Ollama's structured-output grammar silently falls back to unconstrained output on
 * $ref/$defs, nullable anyOf, const and pattern. Unknown values are the empty string / empty array.
 */
export const ACTIVITIES = [
  'reference_call',
  'case_study',
  'event_speaker',
  'peer_review',
  'press',
  'advisory_board',
] as const;
export const Activity = z.enum(ACTIVITIES);
export type Activity = z.infer<typeof Activity>;

export const ACTIVITY_LABELS: Record<Activity, string> = {
  reference_call: 'Reference call',
  case_study: 'Case study',
  event_speaker: 'Event speaker',
  peer_review: 'Peer review',
  press: 'Press',
  advisory_board: 'Advisory board',
};

/**
 * The fields, written once. `string` is what each text field is built on: plain text (no control
 * characters) for what a drafter proposes and a reviewer approves, any string for what was stored.
 */
const profileShape = (string: () => z.ZodString) => {
  const text = (max: number) => string().trim().max(max);
  const list = (maxItems: number, maxLen: number) => z.array(text(maxLen)).max(maxItems);
  return {
    name: text(200).describe('Full name of the customer person interviewed'),
    title: text(200).describe('Their job title or role'),
    company: text(200).describe('The customer company they work for'),
    industry: text(120).describe('Industry of the customer company, e.g. healthcare, banking'),
    region: text(120).describe('Country or region where they are based'),
    companySize: text(120).describe('Company size as stated, e.g. "1,200 employees", "mid-size"'),
    languages: list(10, 60).describe('Languages they can speak with prospects in'),
    products: list(30, 200).describe('Our products they use'),
    useCases: list(30, 400).describe('What they use the products for'),
    outcomes: list(30, 600).describe('Results they reported, as stated, with their numbers'),
    quotes: list(30, 1500).describe('Sentences the customer said, copied verbatim from the notes'),
    activities: z.array(Activity).max(ACTIVITIES.length).describe('Advocacy activities they agreed to'),
  };
};

/**
 * A profile as a drafter proposes it and a reviewer approves it: plain text only (server/domain/text.ts),
 * so the extractive drafter leaves out a value it cannot store, a model's reply with a control character
 * gets a repair turn, and the review page flags one before the server does.
 */
export const ProfileFields = z.object(profileShape(() => plainText()));
export type ProfileFields = z.infer<typeof ProfileFields>;

/**
 * A profile as stored in a draft or an advocate version, read back as it was written: records made before
 * text was checked may hold control characters, and reading them must not fail.
 */
export const StoredProfile = z.object(profileShape(() => z.string()));
export type ProfileFieldName = keyof ProfileFields;

export const SCALAR_FIELDS = ['name', 'title', 'company', 'industry', 'region', 'companySize'] as const;
export const LIST_FIELDS = ['languages', 'products', 'useCases', 'outcomes', 'quotes', 'activities'] as const;
export const PROFILE_FIELD_NAMES = [...SCALAR_FIELDS, ...LIST_FIELDS] as const;

export const FIELD_LABELS: Record<ProfileFieldName, string> = {
  name: 'Name',
  title: 'Title / role',
  company: 'Company',
  industry: 'Industry',
  region: 'Region / country',
  companySize: 'Company size',
  languages: 'Languages',
  products: 'Products',
  useCases: 'Use cases',
  outcomes: 'Outcomes',
  quotes: 'Verbatim quotes',
  activities: 'Agreed activities',
};

export function emptyProfile(): ProfileFields {
  return {
      name: '',
      title: '',
      company: '',
      industry: '',
      region: '',
      companySize: '',
      languages: [],
      products: [],
      useCases: [],
      outcomes: [],
      quotes: [],
      activities: [],
  };
}

/** A field-by-field difference between two profiles (used for AI-vs-human diffs on approval). */
export const FieldChange = z.object({
  field: z.enum(PROFILE_FIELD_NAMES),
  before: z.union([z.string(), z.array(z.string())]),
  after: z.union([z.string(), z.array(z.string())]),
});
export type FieldChange = z.infer<typeof FieldChange>;

export function diffProfiles(before: ProfileFields, after: ProfileFields): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of PROFILE_FIELD_NAMES) {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ field, before: a, after: b });
  }
  return changes;
}
