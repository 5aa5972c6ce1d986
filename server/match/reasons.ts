import type { Advocate } from '../domain/advocate.js';
import type { MatchReason, ReasonEvidence } from '../domain/api/match.js';
import type { EvidenceExcerpt } from '../domain/evidence.js';
import { industryOf, languageMatches, namesPersona, namesPlace, personaMatches, regionMatches, sizeBucket, type Intent, type IntentField } from '../domain/intent.js';
import { ACTIVITY_LABELS, type ProfileFields, type ProfileFieldName } from '../domain/profile.js';

/**
 * Why an advocate matched: the profile facts that share words or meaning with the prospect description,
 * each with its evidence. Pure: the caller supplies the similarity of each (query term, fact) pair, from
 * whatever embedder is active.
 */
export type Fact = { field: ProfileFieldName; value: string; index?: number };

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

/** The facts of a profile that are worth explaining a match with (list items keep their index: evidence follows it). */
export function profileFacts(a: ProfileFields): Fact[] {
  const facts: Fact[] = [];
  const add = (field: ProfileFieldName, value: string, index?: number) => {
    if (value.trim()) facts.push(index === undefined ? { field, value: value.trim() } : { field, value: value.trim(), index });
  };
  add('industry', a.industry);
  add('region', a.region);
  add('companySize', a.companySize);
  add('title', a.title);
  add('company', a.company);
  a.products.forEach((v, i) => add('products', v, i));
  a.useCases.forEach((v, i) => add('useCases', v, i));
  a.outcomes.forEach((v, i) => add('outcomes', v, i));
  a.languages.forEach((v, i) => add('languages', v, i));
  a.activities.forEach((v, i) => add('activities', ACTIVITY_LABELS[v], i));
  a.quotes.forEach((v, i) => add('quotes', v, i));
  return facts;
}

/**
 * The evidence a rep may repeat for a fact: a quote is the customer's own words (checked verbatim at
 * approval); anything else has the sentence approved with it (server/domain/excerpts.ts), or none when it
 * was approved before excerpts existed or typed by the reviewer without support in the notes.
 */
export function evidenceFor(fact: Fact, excerpts: readonly EvidenceExcerpt[]): ReasonEvidence | null {
  if (fact.field === 'quotes') return { kind: 'verbatim', text: fact.value };
  const found = excerpts.find((e) => e.field === fact.field && e.index === fact.index);
  return found ? { kind: 'excerpt', text: found.text } : null;
}

/** Evidence for each reason, from the advocate's approved excerpts. */
export function withEvidence(reasons: Draft[], advocate: Pick<Advocate, 'evidence'>): MatchReason[] {
  return reasons.map(({ index, ...r }) => ({ ...r, evidence: evidenceFor({ field: r.field, value: r.value, index }, advocate.evidence) }));
}

/** Crude stem so "hospitals" meets "hospital" and "scheduling" meets "schedule". */
export function stem(word: string): string {
  return word
    .toLowerCase()
    .replace(/(ing|ed|es|s)$/u, '')
    .replace(/e$/u, '');
}

const stemCache = new Map<string, ReadonlySet<string>>();
/** Forgets the remembered fact texts (an erasure: they may be an erased person's words). */
export function forgetFactTexts(): void {
  stemCache.clear();
}
/** The stems of a fact's words; facts repeat across advocates and searches, so they are remembered (bounded). */
function stems(text: string): ReadonlySet<string> {
  let found = stemCache.get(text);
  if (!found) {
    found = new Set((text.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'+-]*/gu) ?? []).map(stem));
    if (stemCache.size >= 50_000) stemCache.clear();
    stemCache.set(text, found);
  }
  return found;
}

export function lexicalMatch(term: string, fact: string): boolean {
  const t = stem(term);
  return t.length >= 2 && stems(fact).has(t);
}

/**
 * Facts that count only by their words, never by closeness in meaning: in word-vector space a country sits
 * next to its language ("germany" ~ "German") and one activity next to another, so a semantic match there
 * reads as a reason the rep never gave. A wanted language reaches the reasons through the intent instead.
 */
const WORDS_ONLY: ReadonlySet<ProfileFieldName> = new Set(['languages', 'activities', 'company']);

/**
 * Facts that name a category: a term counts by its words or when the domain reads it as the same category
 * ("clinic" is Healthcare, "bavaria" is in Germany, "cfo" is a Chief Financial Officer), never by closeness
 * alone — word vectors put "cfo" next to "CIO" and "Financial services" and "austria" next to "Germany",
 * which showed reasons such as "Title: CIO — matched cfo" and "Region: Germany — matched austria".
 */
const BY_CATEGORY: Partial<Record<ProfileFieldName, (term: string, value: string) => boolean>> = {
  industry: (term, value) => {
    const read = industryOf(term);
    return read !== undefined && read.toLowerCase() === (industryOf(value) ?? value).toLowerCase();
  },
  // Most words name no place and no role: asking that first (remembered per word) keeps a match's CPU budget.
  region: (term, value) => namesPlace(term) && regionMatches(term, value),
  title: (term, value) => namesPersona(term) && personaMatches(term, value),
  companySize: (term, value) => {
    const want = sizeBucket(term);
    return want !== undefined && want === sizeBucket(value);
  },
};
/** A category read from the term counts a little less than the term's own word in the fact. */
const CATEGORY_STRENGTH = 0.9;

/**
 * Picks the reasons: a fact counts when a query term occurs in it (by stem), names the same category
 * (BY_CATEGORY facts) or is close in meaning (similarity ≥ threshold; the other facts except WORDS_ONLY).
 * Scalar facts (industry, region…) first, then by how many terms matched.
 */
export function explain(
  terms: string[],
  facts: Fact[],
  similarity: (termIndex: number, factIndex: number) => number,
  options: { threshold: number; max: number },
): (Omit<MatchReason, 'evidence'> & { index?: number })[] {
  const weight: Partial<Record<ProfileFieldName, number>> = { industry: 3, region: 3, products: 2, useCases: 2, companySize: 2, title: 1 };
  const reasons: (Omit<MatchReason, 'evidence'> & { index?: number; strength: number })[] = [];
  const termStems = terms.map(stem);
  facts.forEach((fact, fi) => {
    const matched: string[] = [];
    let strength = 0;
    const factStems = stems(fact.value);
    const category = BY_CATEGORY[fact.field];
    terms.forEach((term, ti) => {
      if (termStems[ti].length >= 2 && factStems.has(termStems[ti])) {
        matched.push(term);
        strength += 1;
      } else if (category) {
        if (category(term, fact.value)) {
          matched.push(term);
          strength += CATEGORY_STRENGTH;
        }
      } else if (!WORDS_ONLY.has(fact.field)) {
        const s = similarity(ti, fi);
        if (s >= options.threshold) {
          matched.push(term);
          strength += s;
        }
      }
    });
    if (matched.length > 0) {
      const reason = { field: fact.field, value: fact.value, matched, strength: strength * (weight[fact.field] ?? 1) };
      reasons.push(fact.index === undefined ? reason : { ...reason, index: fact.index });
    }
  });
  return reasons
    .sort((a, b) => b.strength - a.strength)
    .slice(0, options.max)
    .map(({ strength: _s, ...r }) => r);
}

type Draft = Omit<MatchReason, 'evidence'> & { index?: number };

/**
 * Reasons from the intent (read by the model or the rules, or edited by the rep) that the approved profile
 * agrees with, for the fields `intentMatches` found: "Region: Freiburg, Germany — matched 'Germany'" even
 * when the rep wrote "Bavaria". Merged in front of the word reasons, without repeating a fact.
 */
export function withIntentReasons(reasons: Draft[], intent: Intent, fields: IntentField[], a: ProfileFields, max: number): Draft[] {
  const out: Draft[] = [];
  const add = (field: ProfileFieldName, value: string, wanted: string | undefined, index?: number) => {
    if (!value.trim() || !wanted?.trim()) return;
    const known = reasons.find((r) => r.field === field && r.index === index);
    if (known) {
      if (!known.matched.some((m) => m.toLowerCase() === wanted.toLowerCase())) known.matched = [...known.matched, wanted];
      return;
    }
    out.push(index === undefined ? { field, value, matched: [wanted] } : { field, value, matched: [wanted], index });
  };
  for (const f of fields) {
    if (f === 'industry') add('industry', a.industry, intent.industry);
    else if (f === 'region') add('region', a.region, intent.region);
    else if (f === 'companySize') add('companySize', a.companySize, intent.companySize);
    else if (f === 'persona') add('title', a.title, intent.persona);
    else if (f === 'language') {
      const i = a.languages.findIndex((l) => languageMatches(intent.language ?? '', [l]));
      if (i >= 0) add('languages', a.languages[i], intent.language, i);
    } else if (f === 'products') {
      const i = a.products.findIndex((q) => intent.products.some((p) => q.toLowerCase().includes(p.toLowerCase()) || p.toLowerCase().includes(q.toLowerCase())));
      if (i >= 0) add('products', a.products[i], intent.products.find((p) => a.products[i].toLowerCase().includes(p.toLowerCase())) ?? intent.products[0], i);
    }
  }
  return [...out, ...reasons].slice(0, max);
}
