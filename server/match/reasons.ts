import type { Advocate } from '../domain/advocate.js';
import type { MatchReason } from '../domain/api/match.js';
import { ACTIVITY_LABELS, type ProfileFieldName } from '../domain/profile.js';

/**
 * Why an advocate matched: the profile facts that share words or meaning with the prospect description.
 * Pure: the caller supplies the similarity of each (query term, fact) pair, from whatever embedder is active.
 */
export type Fact = { field: ProfileFieldName; value: string };

const STOP = new Set(
  `a an and are as at be been but by can do does for from has have how i in into is it its of on or our over so
  that the their them they this to us was we were what when where which who will with would you your
  about looking evaluating evaluate interested want wants need needs needing company companies customer customers
  prospect prospects someone somebody like similar us they're it's who's size`.split(/\s+/),
);

/** Content words of a prospect description, in order, without duplicates. */
export function queryTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'+-]*/gu) ?? [];
  return [...new Set(words.filter((w) => w.length > 1 && !STOP.has(w)))];
}

/** The facts of a profile that are worth explaining a match with. */
export function profileFacts(a: Advocate): Fact[] {
  const facts: Fact[] = [];
  const add = (field: ProfileFieldName, value: string) => value.trim() && facts.push({ field, value: value.trim() });
  add('industry', a.industry);
  add('region', a.region);
  add('companySize', a.companySize);
  add('title', a.title);
  add('company', a.company);
  a.products.forEach((v) => add('products', v));
  a.useCases.forEach((v) => add('useCases', v));
  a.outcomes.forEach((v) => add('outcomes', v));
  a.languages.forEach((v) => add('languages', v));
  a.activities.forEach((v) => add('activities', ACTIVITY_LABELS[v]));
  a.quotes.forEach((v) => add('quotes', v));
  return facts;
}

/** Crude stem so "hospitals" meets "hospital" and "scheduling" meets "schedule". */
export function stem(word: string): string {
  return word
    .toLowerCase()
    .replace(/(ing|ed|es|s)$/u, '')
    .replace(/e$/u, '');
}

export function lexicalMatch(term: string, fact: string): boolean {
  const t = stem(term);
  if (t.length < 2) return false;
  return (fact.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'+-]*/gu) ?? []).some((w) => stem(w) === t);
}

/**
 * Picks the reasons: a fact counts when a query term occurs in it (by stem) or is close in meaning
 * (similarity ≥ threshold). Scalar facts (industry, region…) first, then by how many terms matched.
 */
export function explain(
  terms: string[],
  facts: Fact[],
  similarity: (termIndex: number, factIndex: number) => number,
  options: { threshold: number; max: number },
): MatchReason[] {
  const weight: Partial<Record<ProfileFieldName, number>> = { industry: 3, region: 3, products: 2, useCases: 2, companySize: 2, title: 1 };
  const reasons: (MatchReason & { strength: number })[] = [];
  facts.forEach((fact, fi) => {
    const matched: string[] = [];
    let strength = 0;
    terms.forEach((term, ti) => {
      if (lexicalMatch(term, fact.value)) {
        matched.push(term);
        strength += 1;
      } else {
        const s = similarity(ti, fi);
        if (s >= options.threshold) {
          matched.push(term);
          strength += s;
        }
      }
    });
    if (matched.length > 0) reasons.push({ field: fact.field, value: fact.value, matched, strength: strength * (weight[fact.field] ?? 1) });
  });
  return reasons
    .sort((a, b) => b.strength - a.strength)
    .slice(0, options.max)
    .map(({ strength: _s, ...r }) => r);
}
