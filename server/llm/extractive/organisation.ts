/**
 * Facts about the customer's organisation: industry (canonical label from synonyms), region (a country,
 * from countries, cities, states and provinces) and size (as stated). Sentences that describe the company
 * ("we're a … based in …", or naming it) weigh more than passing mentions.
 */
import { customerSentences } from './document.js';
import type { Doc, Found, Sentence } from './document.js';
import { isOutcome } from './facts.js';
import { headerValues } from './header.js';
import { COUNTRIES, INDUSTRIES, PLACES, US_STATE_CODE } from './vocabulary.js';

const SELF_DESCRIPTION = /\b(?:we're|we are|we run|we have|they are|they're|it's|is an?|based|headquartered|head office|HQ|located|offices? in)\b/i;

function describesCompany(s: Sentence, company: string): boolean {
  return SELF_DESCRIPTION.test(s.text) || (company !== '' && s.text.includes(company.split(' ')[0]));
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

// ---- Industry ----

export function findIndustry(doc: Doc, company: string): Found | undefined {
  const [stated] = headerValues(doc.header, 'industry');
  if (stated) {
    const known = INDUSTRIES.find((i) => count(stated.value, i.pattern) > 0);
    return { value: known?.label ?? stated.value.slice(0, 120), excerpt: stated.value };
  }
  let top: (Found & { score: number }) | undefined;
  for (const { label, pattern } of INDUSTRIES) {
    // The company's own name ("… Credit Union", "… University") is the strongest hint.
    let score = count(company, pattern) * 6;
    let excerpt = count(company, pattern) > 0 ? company : '';
    for (const s of [...doc.sentences.filter((x) => x.heading), ...customerSentences(doc)]) {
      const hits = count(s.text, pattern);
      if (hits === 0) continue;
      score += Math.min(hits, 2) * (describesCompany(s, company) ? 3 : 1);
      excerpt ||= s.text;
    }
    if (score >= 2 && (!top || score > top.score)) top = { value: label, excerpt, score };
  }
  return top && { value: top.value, excerpt: top.excerpt };
}

// ---- Region ----

const PLACE_NAMES: [string, string][] = [
  ...Object.entries(COUNTRIES).flatMap(([country, names]) => names.map((n): [string, string] => [n, country])),
  ...Object.entries(PLACES),
].sort((a, b) => b[0].length - a[0].length);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Every place name starts with a capital: the lookahead lets the 700-way alternation fail fast elsewhere.
const PLACE = new RegExp(`(?=\\p{Lu})(?<![\\p{L}])(?:${PLACE_NAMES.map(([n]) => escape(n)).join('|')})(?![\\p{L}])`, 'gu');
const COUNTRY_OF = new Map(PLACE_NAMES);

function countriesIn(text: string): string[] {
  const found = [...text.matchAll(PLACE)].map((m) => COUNTRY_OF.get(m[0])!);
  if (US_STATE_CODE.test(text)) found.push('United States');
  return found;
}

/** `places` is called only when the text names no country, city or state the vocabulary knows. */
export function findRegion(doc: Doc, company: string, places: () => string[]): Found | undefined {
  const [stated] = headerValues(doc.header, 'region');
  if (stated) return { value: countriesIn(stated.value).at(-1) ?? stated.value.slice(0, 120), excerpt: stated.value };
  const scores = new Map<string, { score: number; excerpt: string }>();
  const add = (country: string, score: number, excerpt: string) => {
    const current = scores.get(country);
    if (current) current.score += score;
    else scores.set(country, { score, excerpt });
  };
  for (const s of [...doc.sentences.filter((x) => x.heading), ...customerSentences(doc)]) {
    for (const country of countriesIn(s.text)) add(country, describesCompany(s, company) ? 4 : 1, s.text);
  }
  if (scores.size === 0) for (const place of places()) for (const country of countriesIn(place)) add(country, 1, place);
  let top: Found & { score: number } = { value: '', excerpt: '', score: 0 };
  for (const [country, { score, excerpt }] of scores) if (score > top.score) top = { value: country, excerpt, score };
  return top.value ? { value: top.value, excerpt: top.excerpt } : undefined;
}

// ---- Company size ----

const SIZE_NOUNS: [RegExp, number][] = [
  [/employees|staff|people|person|FTEs?|workers|colleagues|headcount/, 3],
  [/beds|students|pupils|residents|citizens|stores|shops|branches|hospitals|plants|clinics/, 2],
  [/locations|sites|members|customers|users|seats/, 1],
];
const SIZE = new RegExp(
  String.raw`(?:(?:about|around|approximately|approx\.?|roughly|nearly|almost|over|more than|some)\s+)?~?\d[\d,.]*\s?k?\+?[- ]` +
    `(?:${SIZE_NOUNS.map(([p]) => p.source).join('|')})\\b`,
  'g',
);
const SIZE_WORD = /\b(?:mid-?sized?|midsize|mid-market|small(?:er)? (?:business|company|hospital|bank|firm)|large enterprise|enterprise|SMB|SME|Fortune \d+)\b/i;

function weight(phrase: string): number {
  return SIZE_NOUNS.find(([p]) => p.test(phrase))?.[1] ?? 0;
}

export function findCompanySize(doc: Doc, company: string): Found | undefined {
  const [stated] = headerValues(doc.header, 'companySize');
  if (stated) return { value: stated.value.slice(0, 120), excerpt: stated.value };
  let top: (Found & { score: number }) | undefined;
  for (const s of customerSentences(doc)) {
    if (isOutcome(s)) continue;
    const matches = [...s.text.matchAll(SIZE)];
    if (matches.length === 0) continue;
    const score = Math.max(...matches.map((m) => weight(m[0]))) + (describesCompany(s, company) ? 2 : 0);
    if (top && score <= top.score) continue;
    // "about 380 employees and 31 branches" is one statement: keep it whole when the parts are adjacent.
    const first = matches[0];
    let end = first.index + first[0].length;
    for (const m of matches.slice(1)) {
      if (!/^\s*(?:,|and|,\s*and)\s*$/.test(s.text.slice(end, m.index))) break;
      end = m.index + m[0].length;
    }
    top = { value: s.text.slice(first.index, end), excerpt: s.text, score };
  }
  if (top) return { value: top.value, excerpt: top.excerpt };
  for (const s of customerSentences(doc)) {
    const m = SIZE_WORD.exec(s.text);
    if (m) return { value: m[0], excerpt: s.text };
  }
  return undefined;
}
