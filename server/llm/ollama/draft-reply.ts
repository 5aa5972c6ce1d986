import { z } from 'zod';
import { PROFILE_FIELD_NAMES, ProfileFields, type ProfileFieldName } from '../../domain/profile.js';

/**
 * What the model must return: per-field supporting excerpts, then the profile fields, in one object.
 * Excerpts come first so the model copies its evidence before it states a value (the grammar makes it
 * write keys in schema order). Still flat: no unions, no references, no literals, no patterns.
 */
const excerptShape = Object.fromEntries(
  // A fresh schema per field: a shared instance could be emitted as a $ref.
  PROFILE_FIELD_NAMES.map((field) => [field, z.array(z.string().trim().max(1500)).max(30)]),
) as Record<ProfileFieldName, z.ZodArray<z.ZodString>>;

export const DraftReply = z.object({
  excerpts: z
    .object(excerptShape)
    .describe('For every field, the passages of the notes that support it, copied exactly; [] when none'),
  ...ProfileFields.shape,
});
export type DraftReply = z.infer<typeof DraftReply>;

export type ParsedReply =
  | { ok: true; profile: ProfileFields; excerpts: Partial<Record<ProfileFieldName, string[]>> }
  | { ok: false; problem: string };

/**
 * Parses and validates the model's reply. `problem` is written to be sent back to the model in the repair
 * turn and shown to a person, so it names fields and rules but never echoes the reply's text.
 */
export function parseDraftReply(content: string): ParsedReply {
  if (content.trim() === '') return { ok: false, problem: 'the reply was empty' };
  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (err) {
    // V8 names where parsing failed; at the very end means the object was cut off, not malformed.
    const message = err instanceof Error ? err.message : '';
    const at = /at position (\d+)/.exec(message);
    const cut = /end of JSON input/.test(message) || (at !== null && Number(at[1]) >= content.trimEnd().length);
    return {
      ok: false,
      problem: cut
        ? 'the reply is not valid JSON: it stops before the object is complete'
        : 'the reply is not valid JSON: it contains text outside a single JSON object',
    };
  }
  const parsed = DraftReply.safeParse(json);
  if (!parsed.success) {
    const all = parsed.error.issues;
    const issues = all.slice(0, 5).map((i) => `${i.path.join('.') || 'reply'}: ${i.message}`);
    const more = all.length > issues.length ? ` (and ${all.length - issues.length} more)` : '';
    return { ok: false, problem: `the JSON does not match the schema: ${issues.join('; ')}${more}` };
  }
  const { excerpts, ...profile } = parsed.data;
  const found = Object.entries(excerpts)
    .map(([field, list]) => [field, list.filter(Boolean)] as const)
    .filter(([, list]) => list.length > 0);
  return { ok: true, profile, excerpts: Object.fromEntries(found) };
}
