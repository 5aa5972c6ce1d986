/**
 * Who the advocate is: name, title and company. Each source votes with a weight that reflects how often it
 * is right in practice: a header line ("Interviewee: …") beats the customer's speaker label, which beats a
 * self-introduction ("I'm …") or an appositive ("Priya Raman, Director of …"), which beat names that start
 * with a first name compromise knows, and compromise's tagger (asked only when nothing strong was found).
 * The interviewer and the vendor's own names are never candidates.
 */
import type { Catalogue } from './catalogue.js';
import type { Doc, Found } from './document.js';
import { isKnownFirstName, isPersonName } from './entities.js';
import type { NlpEntities } from './entities.js';
import { headerValues, parseParticipants } from './header.js';
import { COUNTRIES, ORG_SUFFIXES, PLACES, TITLE_HEADS } from './vocabulary.js';

const NAME_WORD = String.raw`\p{Lu}[\p{L}\p{M}'’-]+`;
const PARTICLE = '(?:de|van|der|den|von|da|di|du|le|la|del|della|dos|das|ten|ter|bin|al)';
const HONORIFIC = String.raw`(?:Dr|Prof|Mr|Mrs|Ms|Mx)\.?\s+`;
const NAME = String.raw`(?:${HONORIFIC})?${NAME_WORD}(?:\s+(?:${PARTICLE}\s+)*${NAME_WORD}){1,3}`;
const TITLE = String.raw`(?:\p{Lu}[\p{L}-]*\s+){0,3}(?:${TITLE_HEADS})(?:\s+(?:of|for)\s+(?:the\s+)?\p{Lu}[\p{L}&-]*(?:\s+(?:&\s+|and\s+)?\p{Lu}[\p{L}&-]*){0,3})?(?![\p{L}])`;
const ORG = String.raw`\p{Lu}[\p{L}\p{M}\p{N}'’.&-]*(?:\s+(?:(?:&|of|de|du|des|la|le|van|von|der|di|da)\s+)?\p{Lu}[\p{L}\p{M}\p{N}'’&-]*){0,5}`;

const SELF_INTRO = new RegExp(String.raw`\b(?:[Mm]y name is|[Mm]y name['’]s|I am|I['’]m|[Tt]his is)\s+(${NAME})`, 'gu');
const NARRATIVE_INTRO = new RegExp(String.raw`\b(?:[Ss]poke|[Ss]peaking|[Tt]alked|[Tt]alking|[Mm]et|[Ii]nterviewed|[Cc]all|[Cc]hat|[Nn]otes)\s+(?:with|w\/|to)\s+(${NAME})`, 'gu');
const APPOSITIVE = new RegExp(String.raw`(${NAME})\s*(?:,|\(|[-–—])\s*(?:the\s+)?(${TITLE})(?:\s*(?:,|at|@)\s*(?:the\s+)?(${ORG}))?`, 'gu');
const FULL_NAME = new RegExp(`^${NAME}$`, 'u');
const WHOLE_TITLE = new RegExp(`^${TITLE}$`, 'u');
const HAS_TITLE_WORD = new RegExp(`(?<![\\p{L}])(?:${TITLE_HEADS})(?![\\p{L}])`, 'u');
const LEADING_HONORIFIC = new RegExp(`^${HONORIFIC}`, 'u');
const NAME_ANYWHERE = new RegExp(`(?=\\p{Lu})${NAME}`, 'gu');
const TITLE_ANYWHERE = new RegExp(TITLE, 'gu');
const HAS_TITLE = new RegExp(TITLE, 'u');
const SELF_TITLE = new RegExp(String.raw`\b(?:I['’]m|I am|I work as|as)\s+(?:the\s+|a\s+|an\s+|our\s+)?(${TITLE})`, 'gu');
const AT_ORG = new RegExp(String.raw`(?:(?<![\p{L}])(?:at|@)|work(?:s|ed)? for|joined)\s+(${ORG})`, 'gu');
const SUFFIXED_ORG = new RegExp(String.raw`${ORG}`, 'gu');
const HAS_SUFFIX = new RegExp(String.raw`(?<![\p{L}])(?:${ORG_SUFFIXES})(?![\p{L}])`, 'u');
const LEADING_NOISE = /^(?:(?:I|I'm|We|We're|Our|My|The|A|An|She|He|They|Their|Her|His|So|And|Sure|Yes|As|At|Spoke|With|Mainly|Now|Currently|Then|Also|Interview|Notes)\s+)+/u;
const NOT_ORGS = /^(?:G2|Gartner(?: Peer Insights)?|Peer Insights|Capterra|TrustRadius|Excel|Teams|Zoom|Slack|Google|EU|GDPR|CRM|SMS|FTE|Q\d)$/;

type Votes = Map<string, { value: string; score: number; excerpt: string }>;

function vote(votes: Votes, value: string, score: number, excerpt: string): void {
  const key = value.toLowerCase();
  const current = votes.get(key);
  if (current) current.score += score;
  else votes.set(key, { value, score, excerpt });
}

function best(votes: Votes): Found | undefined {
  let top: { value: string; score: number; excerpt: string } | undefined;
  for (const v of votes.values()) if (!top || v.score > top.score) top = v;
  return top && { value: top.value, excerpt: top.excerpt };
}

function topScore(votes: Votes): number {
  return Math.max(0, ...[...votes.values()].map((v) => v.score));
}

const stripHonorific = (name: string) => name.replace(LEADING_HONORIFIC, '').trim();
const firstWord = (s: string) => s.split(/\s+/)[0].toLowerCase();
const isPlace = (s: string) => s in PLACES || Object.values(COUNTRIES).some((names) => names.includes(s));

function isExcluded(doc: Doc, catalogue: Catalogue, value: string): boolean {
  const lower = value.toLowerCase();
  if (doc.vendor && firstWord(value) === doc.vendor.toLowerCase()) return true;
  if (catalogue.products.some((p) => p.name.toLowerCase() === lower)) return true;
  // "Sam" is excluded by an interviewer "Sam Carter", and "Sam Carter" by an interviewer known only as "Sam";
  // a customer "Sam Lee" is not.
  return doc.interviewers.some((i) => {
    const name = i.replace(/\s*\(.*\)$/, '').toLowerCase();
    return name === lower || name.startsWith(`${lower} `) || (!name.includes(' ') && lower.startsWith(`${name} `));
  });
}

/** "Dr. Katrin Vogel, Head of Patient Access, Klinikum Sankt Anna" → its parts. */
function splitPersonValue(value: string): { name: string; title?: string; org?: string } {
  const [name, ...rest] = value.split(/\s*(?:,|\(|\)|\s[-–—]\s)\s*/).filter(Boolean);
  const title = rest.find((part) => WHOLE_TITLE.test(part));
  const org = rest.find((part) => part !== title && /^\p{Lu}/u.test(part));
  return { name, title, org };
}

function looksLikePerson(value: string): boolean {
  const name = stripHonorific(splitPersonValue(value).name);
  return FULL_NAME.test(name) && !HAS_SUFFIX.test(name) && !isPlace(name) && isPersonName(name);
}

/** Header lines, speaker labels, introductions and appositives: a candidate this strong needs no tagger. */
const STRONG_NAME = 7;
const STRONG_COMPANY = 5;

export function findName(doc: Doc, catalogue: Catalogue, nlp: NlpEntities): Found | undefined {
  const votes: Votes = new Map();
  for (const f of headerValues(doc.header, 'person')) vote(votes, splitPersonValue(f.value).name, 10, f.value);
  for (const f of headerValues(doc.header, 'customer')) {
    if (looksLikePerson(f.value)) vote(votes, splitPersonValue(f.value).name, 10, f.value);
  }
  for (const f of headerValues(doc.header, 'participants')) {
    for (const p of parseParticipants(f.value)) vote(votes, p.name, 6, f.value);
  }
  if (doc.customer && FULL_NAME.test(doc.customer)) vote(votes, doc.customer, 9, doc.customer);
  for (const s of doc.sentences) {
    if (s.role === 'interviewer') continue;
    if (s.role === 'customer') for (const m of s.text.matchAll(SELF_INTRO)) vote(votes, m[1], 8, s.text);
    for (const m of s.text.matchAll(NARRATIVE_INTRO)) vote(votes, m[1], 7, s.text);
    for (const m of s.text.matchAll(APPOSITIVE)) vote(votes, m[1], 7, s.text);
  }
  if (topScore(votes) < STRONG_NAME) {
    for (const person of nlp.people()) vote(votes, person, person.includes(' ') ? 2 : 1, person);
  }
  // Anywhere in the text, a full name that starts with a known first name is a person (once per name).
  const named = new Set<string>();
  for (const s of doc.sentences) {
    if (s.role === 'interviewer') continue;
    for (const m of s.text.matchAll(NAME_ANYWHERE)) {
      if (!named.has(m[0]) && isKnownFirstName(stripHonorific(m[0]).split(/\s+/)[0])) vote(votes, m[0], 2, s.text);
      named.add(m[0]);
    }
  }

  // Merge "Rebecca" into "Rebecca Alvarez" and "Dr. Katrin Vogel" into "Katrin Vogel"; drop non-people.
  const merged: Votes = new Map();
  const entries = [...votes.values()]
    .map((v) => ({ ...v, value: stripHonorific(v.value.replace(/['’]s$/, '')) }))
    .filter((v) => v.value && !isExcluded(doc, catalogue, v.value) && !HAS_SUFFIX.test(v.value) && !isPlace(v.value))
    .filter((v) => !HAS_TITLE_WORD.test(v.value));
  for (const v of entries) {
    const fuller = entries.find((o) => FULL_NAME.test(o.value) && o.value !== v.value && o.value.toLowerCase().startsWith(`${v.value.toLowerCase()} `));
    vote(merged, fuller ? fuller.value : v.value, v.score, fuller ? fuller.excerpt : v.excerpt);
  }
  // A one-word speaker label ("Aoife:") is the customer's first name: it backs the full name that starts with it.
  if (doc.customer && !doc.customer.includes(' ')) {
    for (const v of merged.values()) if (firstWord(v.value) === doc.customer.toLowerCase()) v.score += 5;
  }
  for (const v of merged.values()) if (!v.value.includes(' ')) v.score -= 1;
  return best(merged);
}

function cleanTitle(title: string, name: string): string {
  const nameWords = new Set(name.toLowerCase().split(/\s+/));
  let words = title.replace(LEADING_NOISE, '').split(/\s+/);
  while (words.length > 1 && nameWords.has(words[0].toLowerCase())) words = words.slice(1);
  const cleaned = words.join(' ');
  // "Head" and "Lead" alone are words, not titles ("Head office").
  return /^(?:Head|Lead|Partner|Owner|Principal)$/.test(cleaned) ? '' : cleaned;
}

export function findTitle(doc: Doc, name: string): Found | undefined {
  const votes: Votes = new Map();
  const add = (title: string, score: number, excerpt: string) => {
    const cleaned = cleanTitle(title, name);
    if (cleaned) vote(votes, cleaned, score, excerpt);
  };
  for (const f of headerValues(doc.header, 'title')) add(f.value, 10, f.value);
  for (const f of [...headerValues(doc.header, 'person'), ...headerValues(doc.header, 'customer')]) {
    const title = splitPersonValue(f.value).title;
    if (title) add(title, 9, f.value);
  }
  const first = name ? firstWord(name) : '';
  for (const s of doc.sentences) {
    if (s.role === 'interviewer') continue;
    for (const m of s.text.matchAll(APPOSITIVE)) {
      if (name && stripHonorific(m[1]).toLowerCase() === name.toLowerCase()) add(m[2], 8, s.text);
    }
    if (s.role === 'customer') for (const m of s.text.matchAll(SELF_TITLE)) add(m[1], 8, s.text);
    const mentionsName = first !== '' && s.text.toLowerCase().includes(first);
    for (const m of s.text.matchAll(TITLE_ANYWHERE)) add(m[0], mentionsName ? 4 : 1, s.text);
  }
  return best(votes);
}

function cleanOrg(org: string): string {
  return org.replace(LEADING_NOISE, '').replace(/['’]s$/, '').replace(/[.,]+$/, '').trim();
}

export function findCompany(doc: Doc, catalogue: Catalogue, nlp: NlpEntities, name: string): Found | undefined {
  const votes: Votes = new Map();
  const add = (org: string | undefined, score: number, excerpt: string) => {
    const cleaned = org ? cleanOrg(org) : '';
    if (!cleaned || NOT_ORGS.test(cleaned) || isPlace(cleaned) || isExcluded(doc, catalogue, cleaned)) return;
    if (name && cleaned.toLowerCase() === name.toLowerCase()) return;
    if (WHOLE_TITLE.test(cleaned)) return;
    vote(votes, cleaned, score, excerpt);
  };
  for (const f of headerValues(doc.header, 'company')) add(f.value, 10, f.value);
  for (const f of headerValues(doc.header, 'customer')) {
    const person = looksLikePerson(f.value);
    add(person ? splitPersonValue(f.value).org : f.value, person ? 8 : 10, f.value);
  }
  for (const f of headerValues(doc.header, 'person')) add(splitPersonValue(f.value).org, 6, f.value);
  for (const f of headerValues(doc.header, 'participants')) {
    for (const p of parseParticipants(f.value)) if (!isExcluded(doc, catalogue, p.name)) add(p.org, 6, f.value);
  }
  const first = name.split(' ')[0];
  for (const s of doc.sentences) {
    if (s.role === 'interviewer') continue;
    for (const m of s.text.matchAll(APPOSITIVE)) add(m[3], 8, s.text);
    // "… at Company" only counts in sentences about the advocate: theirs, naming them, or naming a title.
    const aboutThem = s.role === 'customer' || (first !== '' && s.text.includes(first)) || HAS_TITLE.test(s.text);
    if (aboutThem) for (const m of s.text.matchAll(AT_ORG)) add(m[1], 5, s.text);
    for (const m of s.text.matchAll(SUFFIXED_ORG)) {
      if (m[0].includes(' ') && HAS_SUFFIX.test(m[0])) add(m[0], s.heading ? 3 : 2, s.text);
    }
  }
  if (topScore(votes) < STRONG_COMPANY) for (const org of nlp.organizations()) add(org, 2, org);
  // Notes keep saying the company's short name ("Ironridge's plant"): mentions break ties.
  const lower = doc.text.toLowerCase();
  for (const v of votes.values()) v.score += Math.min(3, lower.split(firstWord(v.value)).length - 1) * 0.5;
  const winner = best(votes);
  return winner && { ...winner, value: expandAcronym(doc.text, winner.value) };
}

/** "TDR" → "Télécoms du Rhône" when the notes define it as "Télécoms du Rhône (TDR)". */
function expandAcronym(text: string, value: string): string {
  if (!/^\p{Lu}{2,6}$/u.test(value)) return value;
  const m = new RegExp(String.raw`(${ORG})\s*\(${value}\)`, 'u').exec(text);
  return m && m[1].split(/\s+/).length > 1 ? cleanOrg(m[1]) : value;
}
