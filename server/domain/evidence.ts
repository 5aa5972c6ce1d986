import { z } from 'zod';
import { PROFILE_FIELD_NAMES } from './profile.js';

/**
 * A span of the interview's normalised text that supports a profile field (or one item of a list field).
 * Offsets are computed by the server from the text; a model's own offsets are never trusted.
 */
export const EvidenceSpan = z.object({
  field: z.enum(PROFILE_FIELD_NAMES),
  /** Index into a list field; absent for scalar fields. */
  index: z.number().int().min(0).optional(),
  start: z.number().int().min(0),
  end: z.number().int().min(0),
});
export type EvidenceSpan = z.infer<typeof EvidenceSpan>;

export const CheckStatus = z.enum(['pass', 'fail', 'warn']);
export type CheckStatus = z.infer<typeof CheckStatus>;

/** One check the server ran on a draft (e.g. "quote 2 occurs verbatim in the notes"). */
export const DraftCheck = z.object({
  kind: z.enum(['quote', 'number', 'entity', 'support']),
  field: z.enum(PROFILE_FIELD_NAMES),
  index: z.number().int().min(0).optional(),
  status: CheckStatus,
  message: z.string(),
});
export type DraftCheck = z.infer<typeof DraftCheck>;

/**
 * What a rep may see of the notes: for one approved profile fact, the sentence of the interview that
 * supports it, clipped and with contact details masked (server/domain/excerpts.ts). Snapshotted at
 * approval from the spans the reviewer saw highlighted, so it is text a person approved, never the notes.
 */
export const EvidenceExcerpt = z.object({
  field: z.enum(PROFILE_FIELD_NAMES),
  index: z.number().int().min(0).optional(),
  text: z.string(),
});
export type EvidenceExcerpt = z.infer<typeof EvidenceExcerpt>;
