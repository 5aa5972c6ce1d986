import { describe, expect, it } from 'vitest';
import { advocateSearchText, searchTerms } from '../../server/domain/advocate.js';
import { DomainError } from '../../server/domain/errors.js';
import { decodeCursor, encodeCursor, PageLimit, statusList, toPage } from '../../server/domain/paging.js';
import { emptyProfile } from '../../server/domain/profile.js';
import { containsPattern } from '../../server/store/paging.js';

describe('cursors', () => {
  it('round-trip a sort key, in URL-safe characters, for the list that gave them out only', () => {
    const key = ['2025-03-01T10:00:00.000Z', 'b1f0-ü-ä'] as const;
    const c = encodeCursor('advocates', { direction: 'before', key });
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor('advocates', c)).toEqual({ direction: 'before', key });
    expect(decodeCursor('advocates', undefined)).toBeUndefined();
    for (const bad of [c.slice(0, -3), 'abc', encodeCursor('drafts:asc', { direction: 'after', key })]) {
      expect(() => decodeCursor('advocates', bad)).toThrow(DomainError);
    }
    const refusal = (() => {
      try {
        decodeCursor('drafts:desc', c);
      } catch (err) {
        return err as DomainError;
      }
    })();
    expect(refusal).toMatchObject({ kind: 'invalid', issues: [{ path: 'cursor', message: expect.stringMatching(/leave cursor out/) }] });
  });

  it('turn a store page into the API page', () => {
    const page = toPage('requests', { items: [1, 2], total: 7, offset: 2, next: ['t', 'b'], prev: null }, (n) => n * 10);
    expect(page).toMatchObject({ items: [10, 20], total: 7, offset: 2, prevCursor: null });
    expect(decodeCursor('requests', page.nextCursor!)).toEqual({ direction: 'after', key: ['t', 'b'] });
  });
});

describe('query values', () => {
  it('limit: 1–200, default 50, anything else refused with one message', () => {
    expect(PageLimit.parse(undefined)).toBe(50);
    expect(PageLimit.parse('200')).toBe(200);
    for (const bad of ['0', '201', '1.5', 'x', '']) expect(PageLimit.safeParse(bad).success, bad).toBe(false);
  });

  it('status lists: comma-separated known values, repeated ones once', () => {
    const s = statusList(['open', 'done'] as const);
    expect(s.parse('open, done,open')).toEqual(['open', 'done']);
    expect(s.safeParse('open,nope').success).toBe(false);
    expect(s.safeParse(',').success).toBe(false);
  });
});

describe('advocate search text', () => {
  it('holds the listed fields, normalised, and the search words the same way', () => {
    const text = advocateSearchText({ ...emptyProfile(), name: 'Katrin  VOGEL', company: 'Zürich Versicherung', products: ['Lumen Scheduler'] });
    expect(text.split('\n')).toEqual(['katrin vogel', '', 'zürich versicherung', '', '', 'lumen scheduler']);
    expect(searchTerms('  ZÜRICH   zürich vogel ')).toEqual(['zürich', 'vogel']);
    expect(searchTerms(undefined)).toEqual([]);
    expect(searchTerms('a b c d e f g h i j')).toHaveLength(8);
  });

  it('escapes LIKE wildcards so they match themselves', () => {
    expect(containsPattern('100%_a\\b')).toBe('%100\\%\\_a\\\\b%');
  });
});
