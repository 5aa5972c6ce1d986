import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ACTIVITIES, PROFILE_FIELD_NAMES } from '../../server/domain/profile.js';
import { findSpan } from '../../server/domain/textmatch.js';
import { normaliseNotes } from '../../server/domain/transcript.js';
import { UsageError } from '../lib/errors.js';
import { sha256 } from '../lib/hash.js';
import { displayPath } from '../lib/paths.js';
import { issueLines } from '../lib/zod-issues.js';
import { readJsonl } from './jsonl.js';

/**
 * The drafting dataset: one interview per JSONL line with the facts a careful reader takes from it (gold)
 * and facts that must never appear (forbidden). Gold values are compared normalised (case, quotes, dashes,
 * spaces); a value may list alternatives, any of which counts ("United Kingdom" or "UK").
 */
const Value = z.string().trim().min(1);
const Alternatives = z.union([Value, z.array(Value).min(1)]);
/** "" = the notes do not state it, so the field must stay empty. */
const Scalar = z.union([z.literal(''), Alternatives]);
const List = z.array(Alternatives);

export const Gold = z
  .object({
    name: Scalar,
    title: Scalar,
    company: Scalar,
    industry: Scalar,
    region: Scalar,
    companySize: Scalar,
    languages: List,
    products: List,
    /** Key phrases: a drafted use case containing one counts. */
    useCases: List,
    /** Results as stated; when an item states numbers, a drafted outcome with the same numbers counts. */
    outcomes: List,
    /** Verbatim from the notes (checked when the dataset loads). */
    quotes: z.array(Value),
    activities: z.array(z.enum(ACTIVITIES)),
  })
  .partial()
  .strict();
export type Gold = z.infer<typeof Gold>;

export const ForbiddenFact = z
  .object({
    /** The field it must not appear in, or "any". */
    field: z.enum([...PROFILE_FIELD_NAMES, 'any']),
    value: Value,
    why: z.string().optional(),
  })
  .strict();
export type ForbiddenFact = z.infer<typeof ForbiddenFact>;

const CaseLine = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes'),
    description: z.string().min(1),
    tags: z.array(z.string()).default([]),
    /** The upload's file name (e.g. "call.vtt"): lets the transcript normaliser treat it as the server would. */
    filename: z.string().optional(),
    notes: z.string().min(1).optional(),
    /** Notes kept in a file next to the dataset instead of inline. */
    notesFile: z.string().optional(),
    gold: Gold.default({}),
    forbidden: z.array(ForbiddenFact).default([]),
  })
  .strict()
  .refine((c) => (c.notes === undefined) !== (c.notesFile === undefined), 'give exactly one of "notes" or "notesFile"');

export type ProfileCase = Omit<z.infer<typeof CaseLine>, 'notes' | 'notesFile'> & {
  /** The notes as a drafter sees them: normalised like the server does (transcript timing stripped). */
  text: string;
  /** sha256 of `text`: the cache key's input part, and how a baseline knows a case is unchanged. */
  inputSha: string;
  line: number;
};

export interface ProfileDataset {
  path: string;
  sha256: string;
  cases: ProfileCase[];
}

/**
 * One case from its JSON object: validated, with at least one expectation, gold quotes verbatim in the
 * notes, and the notes normalised as the server would. `where` prefixes error messages ("file:line").
 */
export function parseProfileCase(value: unknown, where: string, baseDir = process.cwd(), line = 0): ProfileCase {
  const parsed = CaseLine.safeParse(value);
  if (!parsed.success) throw new UsageError(`${where}: invalid case\n${issueLines(parsed.error)}`);
  const { notes, notesFile, ...rest } = parsed.data;
  const expectations = Object.keys(rest.gold).length + rest.forbidden.length;
  if (expectations === 0) {
    throw new UsageError(`${where}: case "${rest.id}" has no expectations (no gold facts, nothing forbidden); a case that checks nothing would always pass`);
  }
  const raw = notes ?? readNotesFile(path.resolve(baseDir, notesFile!), where);
  const normalised = normaliseNotes(raw, rest.filename ?? notesFile).text;
  for (const quote of rest.gold.quotes ?? []) {
    if (!findSpan(normalised, quote)) throw new UsageError(`${where}: gold quote of "${rest.id}" is not verbatim in its notes: "${quote}"`);
  }
  return { ...rest, text: normalised, inputSha: sha256(normalised), line };
}

export function loadProfileDataset(file: string): ProfileDataset {
  const { text, lines } = readJsonl(file);
  const seen = new Set<string>();
  const cases = lines.map(({ line, value }) => {
    const where = `${displayPath(file)}:${line}`;
    const testCase = parseProfileCase(value, where, path.dirname(file), line);
    if (seen.has(testCase.id)) throw new UsageError(`${where}: case id "${testCase.id}" is used twice`);
    seen.add(testCase.id);
    return testCase;
  });
  return { path: file, sha256: sha256(text), cases };
}

function readNotesFile(file: string, where: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${where}: cannot read notesFile ${displayPath(file)}`);
  }
}
