import { z } from 'zod';
import { plainText } from './text.js';

/** Notes larger than this are refused with 413: a long interview transcript is ~60 KB; 200 KB leaves room. */
export const MAX_NOTES_CHARS = 200_000;
/** Fewer characters than this cannot describe an advocate; refused with 400. */
export const MIN_NOTES_CHARS = 40;

export const SourceKind = z.enum(['notes', 'transcript']);
export type SourceKind = z.infer<typeof SourceKind>;

export const InterviewSource = z.strictObject({
  kind: SourceKind,
  filename: plainText().trim().max(255).optional(),
});
export type InterviewSource = z.infer<typeof InterviewSource>;

export const Interview = z.object({
  id: z.string(),
  /** Exactly what was pasted or uploaded: never rewritten, it is the evidence. */
  notes: z.string(),
  /** Normalised plain text (timestamps and cue numbers stripped); evidence offsets point into this. */
  text: z.string(),
  /** As stored (read back as written, whatever older versions let through). */
  source: z.object({ kind: SourceKind, filename: z.string().optional() }),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type Interview = z.infer<typeof Interview>;
