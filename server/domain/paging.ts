import { z } from 'zod';
import { invalid } from './errors.js';
import { plainText } from './text.js';

/**
 * Pages of a list: the query every list route takes (`limit`, `cursor`) and the fields every page answers
 * with. Pure: the UI, the routes and OpenAPI share it.
 *
 * Why cursors (keyset) and not `offset`: every list here is sorted by a time that moves while people work
 * (approvals bump an advocate to the top, drafts leave the queue as they are decided). With `offset`, a row
 * inserted or moved ahead of the reader shifts every later page by one, so the next page repeats a row
 * (or skips one when a row leaves). A cursor names the last row seen (its sort time and id) and the next
 * page starts strictly after it: rows the reader has not reached yet are never skipped or repeated, and a
 * deep page costs an index seek instead of reading and throwing away `offset` rows. "Showing 51–100 of N"
 * still works: each page carries `total` and `offset` (how many rows come before it), counted in one query
 * with the same filters. What a cursor cannot do is show a row again that moved *behind* the reader (an
 * advocate re-approved while you read page 3 is on page 1 now); that row was already seen or is now first.
 */
export const PAGE_DEFAULT = 50;
export const PAGE_MAX = 200;

const limitMessage = `Give limit as a whole number from 1 to ${PAGE_MAX} (default ${PAGE_DEFAULT})`;
export const PageLimit = z.coerce
  .number({ message: limitMessage })
  .int(limitMessage)
  .min(1, limitMessage)
  .max(PAGE_MAX, limitMessage)
  .default(PAGE_DEFAULT);

const CURSOR_MESSAGE = 'This cursor was not given out by this list (copied from another list, or cut short): leave cursor out to start from the first page';
/** Opaque to clients: use `nextCursor` / `prevCursor` of a page as they are. */
export const PageCursor = z.string().max(400, CURSOR_MESSAGE).regex(/^[A-Za-z0-9_-]+$/, CURSOR_MESSAGE);

/** The query fields every paged list takes. */
export const PageQuery = z.strictObject({ limit: PageLimit, cursor: PageCursor.optional() });

/** What every page answers with besides its items. */
export const PageInfo = z.object({
  /** Rows matching the filters, over every page. */
  total: z.number().int().min(0),
  /** Rows matching the filters that come before this page: the page shows rows offset+1 … offset+items.length. */
  offset: z.number().int().min(0),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
  /** Pass as `cursor` for the previous page; null on the first page. */
  prevCursor: z.string().nullable(),
});
export type PageInfo = z.infer<typeof PageInfo>;

export const pageOf = <T extends z.ZodType>(item: T) => PageInfo.extend({ items: z.array(item) });

/** A list's sort key of one row: its time (ISO text) and id, the tie-breaker. */
export type SortKey = readonly [string, string];
export type CursorDirection = 'after' | 'before';
export type Cursor = { direction: CursorDirection; key: SortKey };

const Payload = z.object({ l: z.string(), d: z.enum(['a', 'b']), k: z.tuple([z.string().max(64), z.string().max(64)]) });

/** base64url of UTF-8, with the runtime's own codecs (Node ≥ 16 and browsers have btoa/atob). */
const toBase64Url = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s)))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
const fromBase64Url = (s: string) =>
  new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(s.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0)));

/**
 * A cursor for `list` (a name that includes the list's order, e.g. `drafts:asc`): a cursor of one list or
 * order is refused by another rather than silently starting somewhere odd.
 */
export function encodeCursor(list: string, cursor: Cursor): string {
  return toBase64Url(JSON.stringify({ l: list, d: cursor.direction === 'after' ? 'a' : 'b', k: cursor.key }));
}

/** The cursor a client sent back, or a 400 saying what to do (DomainError 'invalid', path `cursor`). */
export function decodeCursor(list: string, raw: string | undefined): Cursor | undefined {
  if (raw === undefined || raw === '') return undefined;
  let parsed: z.infer<typeof Payload> | undefined;
  try {
    parsed = Payload.parse(JSON.parse(fromBase64Url(raw)));
  } catch {
    parsed = undefined;
  }
  if (!parsed || parsed.l !== list) throw invalid(`cursor: ${CURSOR_MESSAGE}`, [{ path: 'cursor', message: CURSOR_MESSAGE }]);
  return { direction: parsed.d === 'a' ? 'after' : 'before', key: parsed.k };
}

/** A page as a store found it: rows, counts and the sort keys where the neighbouring pages start. */
export type StorePage<T> = { items: T[]; total: number; offset: number; next: SortKey | null; prev: SortKey | null };

/** A store's page as the API answers it, the rows mapped to their response shape. */
export function toPage<T, U>(list: string, page: StorePage<T>, map: (row: T) => U): PageInfo & { items: U[] } {
  return {
    items: page.items.map(map),
    total: page.total,
    offset: page.offset,
    nextCursor: page.next ? encodeCursor(list, { direction: 'after', key: page.next }) : null,
    prevCursor: page.prev ? encodeCursor(list, { direction: 'before', key: page.prev }) : null,
  };
}

/**
 * `status=a,b` query values: one or several of `values`, comma-separated. Unknown values are a 400 naming
 * the ones allowed.
 */
export function statusList<const T extends readonly [string, ...string[]]>(values: T) {
  const message = `Use one or more of ${values.join(', ')}, separated by commas`;
  return plainText()
    .max(200, message)
    .transform((s) => [...new Set(s.split(',').map((v) => v.trim()).filter(Boolean))])
    .pipe(z.array(z.enum(values, { message }), { message }).min(1, message));
}
