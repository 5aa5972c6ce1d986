import { z } from 'zod';
import { AdvocateStatus } from '../../server/domain/advocate.js';
import { ProfileFields } from '../../server/domain/profile.js';
import { UsageError } from '../lib/errors.js';
import { hashOf, sha256 } from '../lib/hash.js';
import { displayPath } from '../lib/paths.js';
import { issueLines } from '../lib/zod-issues.js';
import { readJsonl } from './jsonl.js';

/**
 * The matching dataset: approved advocate profiles, and prospects as a sales rep would describe them with
 * graded relevance (3 = the advocate to call, 2 = a good match on most of what matters, 1 = partly
 * relevant; unlisted = not relevant). Lines are either kind "advocate" or kind "query".
 */
const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lower-case letters, digits and dashes');
const AdvocateLine = z
  .object({ kind: z.literal('advocate'), id: Id, status: AdvocateStatus.default('active'), profile: ProfileFields.partial() })
  .strict();
const QueryLine = z
  .object({
    kind: z.literal('query'),
    id: Id,
    prospect: z.string().trim().min(1),
    relevant: z.record(Id, z.number().int().min(1).max(3)),
  })
  .strict();
const Line = z.discriminatedUnion('kind', [AdvocateLine, QueryLine]);

export type MatchingAdvocate = z.infer<typeof AdvocateLine>;
export type MatchingQuery = z.infer<typeof QueryLine> & { inputSha: string };

export interface MatchingDataset {
  path: string;
  sha256: string;
  /** Hash of the advocate lines only: rankings from a run are comparable while it is unchanged. */
  advocatesSha: string;
  advocates: MatchingAdvocate[];
  queries: MatchingQuery[];
}

export function loadMatchingDataset(file: string): MatchingDataset {
  const { text, lines } = readJsonl(file);
  const advocates: MatchingAdvocate[] = [];
  const queries: MatchingQuery[] = [];
  const lineOf = new Map<string, number>();
  for (const { line, value } of lines) {
    const parsed = Line.safeParse(value);
    const where = `${displayPath(file)}:${line}`;
    if (!parsed.success) throw new UsageError(`${where}: invalid line\n${issueLines(parsed.error)}`);
    const item = parsed.data;
    if (lineOf.has(`${item.kind}:${item.id}`)) throw new UsageError(`${where}: ${item.kind} id "${item.id}" is used twice`);
    lineOf.set(`${item.kind}:${item.id}`, line);
    if (item.kind === 'advocate') advocates.push(item);
    else queries.push({ ...item, inputSha: sha256(item.prospect) });
  }
  const known = new Set(advocates.map((a) => a.id));
  for (const q of queries) {
    const where = `${displayPath(file)}:${lineOf.get(`query:${q.id}`)}`;
    const ids = Object.keys(q.relevant);
    if (ids.length === 0) throw new UsageError(`${where}: query "${q.id}" has no relevant advocates; a query that expects nothing would always pass`);
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UsageError(`${where}: query "${q.id}" grades unknown advocates: ${unknown.join(', ')}`);
  }
  if (queries.length === 0) throw new UsageError(`${displayPath(file)} has no queries`);
  return { path: file, sha256: sha256(text), advocatesSha: hashOf(advocates), advocates, queries };
}
