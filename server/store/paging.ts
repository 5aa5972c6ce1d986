import { sql, type Expression, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Cursor, SortKey, StorePage } from '../domain/paging.js';

/**
 * Keyset pages on both dialects (server/domain/paging.ts says why keyset). A list is sorted by
 * (time, id), both ascending or both descending; a cursor names the (time, id) of the row the page starts
 * after (or before, for the previous page). Row-value comparisons `(t, id) < (?, ?)` are standard SQL that
 * SQLite (≥ 3.15) and Postgres both run off an index on (t, id).
 */
export type Keyset = {
  /** Column references, e.g. 'a.updated_at' and 'a.id'. */
  time: string;
  id: string;
  order: 'asc' | 'desc';
};

/**
 * Any select query of any table: the helper only adds where/order/limit and aggregate selections. Kysely
 * cannot type "a query whose rows are R over some tables" generically, so the tables are left open here;
 * callers pass their fully typed builders.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyQuery<R> = SelectQueryBuilder<any, any, R>;

/** Rows strictly past `key` in the list's order (`after`), or strictly ahead of it (`before`). */
function beyond(ks: Keyset, direction: Cursor['direction'], key: SortKey): Expression<SqlBool> {
  const op = (direction === 'after') === (ks.order === 'asc') ? '>' : '<';
  return sql<SqlBool>`(${sql.ref(ks.time)}, ${sql.ref(ks.id)}) ${sql.raw(op)} (${key[0]}, ${key[1]})`;
}

function ordered<R>(q: AnyQuery<R>, ks: Keyset, reverse: boolean): AnyQuery<R> {
  const dir = reverse ? (ks.order === 'asc' ? 'desc' : 'asc') : ks.order;
  return q.orderBy(sql.ref(ks.time), dir).orderBy(sql.ref(ks.id), dir);
}

/**
 * One page of `rows` (already filtered, columns selected) and its counts from `count` (the same filters,
 * nothing selected): two queries, one for the rows (limit + 1, to know whether more follow) and one that
 * counts the total and the rows before the page together. The first page has none before it, so it only
 * counts the total, with `firstTotal` when the caller has a quicker way to.
 */
export async function keysetPage<R>(
  rows: AnyQuery<R>,
  count: AnyQuery<object>,
  ks: Keyset,
  request: { limit: number; cursor?: Cursor },
  keyOf: (row: R) => SortKey,
  firstTotal?: () => Promise<number>,
): Promise<StorePage<R>> {
  const { limit, cursor } = request;
  let items: R[];
  let more: boolean;
  if (cursor?.direction === 'before') {
    const found = await ordered(rows.where(beyond(ks, 'before', cursor.key)), ks, true).limit(limit + 1).execute();
    // Fewer rows than a page before the cursor: that is the first page, shown full.
    if (found.length <= limit) return keysetPage(rows, count, ks, { limit }, keyOf, firstTotal);
    items = found.slice(0, limit).reverse();
    more = true;
  } else {
    const q = cursor ? rows.where(beyond(ks, 'after', cursor.key)) : rows;
    const found = await ordered(q, ks, false).limit(limit + 1).execute();
    more = found.length > limit;
    items = found.slice(0, limit);
  }

  const first = items[0];
  let total: number;
  let before = 0;
  if (!cursor && firstTotal) {
    total = await firstTotal();
  } else {
    const counted = await count
      .select([
        sql<number>`count(*)`.as('total'),
        (first && cursor ? sql<number>`coalesce(sum(case when ${beyond(ks, 'before', keyOf(first))} then 1 else 0 end), 0)` : sql<number>`0`).as('before'),
      ])
      .executeTakeFirstOrThrow();
    total = Number((counted as { total: number }).total);
    before = Number((counted as { before: number }).before);
  }
  // No row on this page (past the end, or nothing matches): it starts after everything.
  const offset = first ? before : cursor ? total : 0;
  if (cursor?.direction === 'before') {
    return { items, total, offset, prev: offset > 0 ? keyOf(first!) : null, next: keyOf(items[items.length - 1]) };
  }
  return {
    items,
    total,
    offset,
    prev: first && offset > 0 ? keyOf(first) : null,
    next: more ? keyOf(items[items.length - 1]) : null,
  };
}

/** `%term%` for LIKE with `\` as the escape character: the term's own %, _ and \ match themselves. */
export const containsPattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `column LIKE '%term%' ESCAPE '\'`, on both dialects (the column and the term are already lower case). */
export const contains = (column: string, term: string): Expression<SqlBool> =>
  sql<SqlBool>`${sql.ref(column)} like ${containsPattern(term)} escape '\\'`;
