/**
 * Products, use cases, outcomes and languages: list fields read sentence by sentence from what the
 * customer said (or what the notes say about them), never from the interviewer's questions.
 */
import { extractNumbers } from '../../domain/grounding.js';
import { findProductMentions } from './catalogue.js';
import type { Catalogue } from './catalogue.js';
import { customerSentences, dedupe } from './document.js';
import { headerValues } from './header.js';
import type { Doc, Found, Sentence } from './document.js';
import { LANGUAGES } from './vocabulary.js';

const MAX_ITEMS = 8;

// ---- Products ----

const ADOPTION = /\b(?:use|uses|used|using|rolled out|roll out|adopted|switched to|moved to|migrated to|implemented|brought in|went live with|deployed|bought|licensed|introduced)\s+(?:the\s+)?(\p{Lu}[\p{L}\p{N}]*(?:[ -]\p{Lu}[\p{L}\p{N}]*){0,2})/gu;

export function findProducts(doc: Doc, catalogue: Catalogue): Found[] {
  const found: Found[] = [];
  for (const field of headerValues(doc.header, 'products')) {
    for (const m of findProductMentions(catalogue, field.value)) found.push({ value: m.name, excerpt: field.value });
  }
  for (const s of customerSentences(doc)) {
    for (const m of findProductMentions(catalogue, s.text)) found.push({ value: m.name, excerpt: s.text });
    // Names after "we use / rolled out / switched to": anything without a catalogue, else new names of the brand.
    for (const m of s.text.matchAll(ADOPTION)) {
      const name = m[1];
      const known = catalogue.products.some((p) => p.name.toLowerCase() === name.toLowerCase());
      const brandNew = catalogue.vendor ? name.startsWith(`${catalogue.vendor} `) : catalogue.products.length === 0;
      if (!known && brandNew) found.push({ value: name, excerpt: s.text });
    }
  }
  return dedupe(found).slice(0, MAX_ITEMS);
}

// ---- Use cases ----

const AFTER_USE = /\b(?:use[sd]?|using)\s+(?:it|them|this|that|the (?:app|tool|platform|product|system))\s+(for|to)\s+/gi;
/** "to the stores" is a destination, "to route applications" a purpose: a purpose starts with a verb. */
const NOT_A_PURPOSE_TO = /^(?:the|a|an|all|our|their|its|this|that|these|those|them|us|him|her|me|my|every|each|other|some|any|new|be|\d)\b/i;
const NOT_A_PURPOSE_FOR = /^(?:\d|years?|months?|weeks?|days?|a while|now|example|instance|the first time|us|them|me|him|her|everyone|ages|a year|over)\b/i;
// Where a purpose clause stops: punctuation, a new clause (", and we…", ", replacing…"), or a date ("in 2023").
const CLAUSE_END =
  /[.;:!?(]|\s[—–-]\s|,\s*(?:which|so|but|because|since|though|although|as long as|then|replacing|including|while|after|before)\b|,\s*and\s+(?!to\b|for\b)|\s(?:but|because|since|so that)\s|\s(?:in|since|from)\s(?:19|20)\d\d\b/;
const USE_SECTION = /\buse|\busing\b|workflows?|what they|use cases?/;

/** At most 14 words, cut (never re-joined) so the clause stays a slice of the notes. */
const FIRST_WORDS = /^\S+(?:\s+\S+){0,13}/;

function clauseAt(text: string, from: number, stopAt: number): string[] {
  let clause = text.slice(from, stopAt);
  const end = CLAUSE_END.exec(clause);
  if (end) clause = clause.slice(0, end.index);
  return clause
    .split(/,?\s+and\s+(?:to|for)\s+/)
    .map((part) => (FIRST_WORDS.exec(part)?.[0] ?? '').replace(/(?:[,\s]|\b(?:and|or|first)\b)+$/, ''))
    .filter((part) => part.split(/\s+/).length >= 2);
}

function purposeClauses(s: Sentence, catalogue: Catalogue): string[] {
  const mentions = findProductMentions(catalogue, s.text);
  const nextMention = (at: number) => mentions.find((m) => m.start > at)?.start ?? s.text.length;
  const clauses: string[] = [];
  const add = (kind: string, at: number) => {
    for (const clause of clauseAt(s.text, at, nextMention(at))) {
      if (!(kind.toLowerCase() === 'to' ? NOT_A_PURPOSE_TO : NOT_A_PURPOSE_FOR).test(clause)) clauses.push(clause);
    }
  };
  for (const m of s.text.matchAll(AFTER_USE)) add(m[1], m.index + m[0].length);
  for (const mention of mentions) {
    // "Lumen Workflows, for dock scheduling", "Lumen Forms in 2022 for maintenance", not "Lumen Insights, but to be…".
    const m = /^[^.;:!?]{0,30}?\s(for|to)\s+/.exec(s.text.slice(mention.end));
    if (m && !/\b(?:but|and|or|because|which)\b/.test(m[0])) add(m[1], mention.end + m[0].length);
  }
  return clauses;
}

export function findUseCases(doc: Doc, catalogue: Catalogue): Found[] {
  const found: Found[] = [];
  for (const s of customerSentences(doc)) {
    const clauses = purposeClauses(s, catalogue);
    if (clauses.length === 0 && s.bullet && USE_SECTION.test(s.section)) clauses.push(s.text.split(/\s*;\s*/)[0]);
    for (const clause of clauses) found.push({ value: clause, excerpt: s.text });
  }
  // "patient scheduling" adds nothing next to "patient scheduling across 14 clinics".
  const unique = dedupe(found);
  return unique
    .filter((f) => !unique.some((o) => o !== f && o.value.toLowerCase().includes(f.value.toLowerCase())))
    .slice(0, MAX_ITEMS);
}

// ---- Outcomes ----

const RESULT =
  /\b(?:reduc\w*|cut|cuts|sav(?:e|ed|es|ing)|increas\w*|grew|grow\w*|fell|fall\w*|drop\w*|(?<!-)down|(?<!-)up|improv\w*|faster|fewer|less|lower\w*|higher|rais\w*|boost\w*|doubl\w*|halv\w*|shrank|declin\w*|rose|gain\w*|went from|freed|eliminat\w*|avoid\w*|attribut\w*|estimat\w*|paid for|(?:get|got|gets|give|gives) back)\b/i;
const RESULT_SECTION = /\bresults?\b|\boutcomes?\b|\bimpact\b|\bnumbers\b|\broi\b|\bwins?\b/;
const UNIT_AFTER_WORD = /^\s*(?:percent|per cent|times|hours?|days?|weeks?|months?|minutes?|people|FTEs?)\b/i;
/** "Results she shared: the average time …" → the part after the label. */
const LEAD_LABEL = /^[\p{L} ]{1,40}:\s+(?=\S)/u;

/** A number that measures something: not a bare year, and a spelled-out number only before a unit. */
function hasMeasure(text: string): boolean {
  return extractNumbers(text, { words: true }).some((n) => {
    if (/^\p{L}/u.test(n.raw)) {
      const after = text.slice(text.indexOf(n.raw) + n.raw.length);
      return n.kind !== '' || UNIT_AFTER_WORD.test(after);
    }
    return n.kind !== '' || n.currency !== undefined || !(Number.isInteger(n.value) && n.value >= 1990 && n.value <= 2035);
  });
}

export function isOutcome(s: Sentence): boolean {
  if (!hasMeasure(s.text)) return false;
  return RESULT.test(s.text) || (s.bullet && RESULT_SECTION.test(s.section));
}

export function findOutcomes(doc: Doc): Found[] {
  const found = customerSentences(doc)
    .filter(isOutcome)
    .map((s) => {
      const label = LEAD_LABEL.exec(s.text);
      return { value: label ? s.text.slice(label[0].length) : s.text, excerpt: s.text };
    });
  return dedupe(found).slice(0, MAX_ITEMS);
}

// ---- Languages ----

const LANGUAGE_CONTEXT = /\b(?:speaks?|spoke|speaking|speaker|fluent|native|bilingual|trilingual|multilingual|languages?|mother tongue|presents? in|calls? in)\b/i;
const LANGUAGE_WORD = new RegExp(`\\b(?:${LANGUAGES.join('|')})\\b`, 'g');

function languagesIn(text: string, excerpt: string): Found[] {
  return [...text.matchAll(LANGUAGE_WORD)].map((m) => ({ value: m[0], excerpt }));
}

export function findLanguages(doc: Doc): Found[] {
  const found = headerValues(doc.header, 'languages').flatMap((f) => languagesIn(f.value, f.value));
  // An answer to "Which languages…?" names them without saying "speak".
  const askedUnits = new Set(doc.sentences.filter((s) => s.role === 'interviewer' && /\blanguages?\b/i.test(s.text)).map((s) => s.unit + 1));
  for (const s of customerSentences(doc)) {
    if (LANGUAGE_CONTEXT.test(s.text) || (s.role === 'customer' && askedUnits.has(s.unit))) found.push(...languagesIn(s.text, s.text));
  }
  return dedupe(found).slice(0, MAX_ITEMS);
}
