import { z } from 'zod';
import { COUNTRIES, INDUSTRIES, LANGUAGES, PLACES, TITLE_HEADS, US_STATE_CODE } from '../llm/extractive/vocabulary.js';
import { REGIONS, RELATED_TERMS } from '../llm/local/lexicon.js';
import { relatedTokens } from '../llm/local/related-terms.js';
import { STOP_WORDS } from '../llm/local/stop-words.js';
import { tokenize } from '../llm/local/tokenize.js';
import { own } from './lookup.js';
import { plainText } from './text.js';

/**
 * What a rep's prospect description says about the prospect, read by rules (no model): industry,
 * region/country, company size, products of interest, use case, persona/role, language.
 *
 * Pure. The word lists are the ones the extractive drafter and the local embedder already use
 * (server/llm/extractive/vocabulary.ts, server/llm/local/lexicon.ts): one vocabulary, not two.
 * An empty string means "not known", like an absent field (edited chips may send either).
 */
const chip = (max: number) => plainText().trim().max(max).optional();
export const Intent = z.object({
  industry: chip(120),
  region: chip(120),
  companySize: chip(120),
  products: z.array(plainText().trim().min(1).max(200)).max(20),
  useCase: chip(400),
  persona: chip(200),
  language: chip(60),
});
export type Intent = z.infer<typeof Intent>;

export const INTENT_FIELDS = ['industry', 'region', 'companySize', 'products', 'useCase', 'persona', 'language'] as const;
export type IntentField = (typeof INTENT_FIELDS)[number];

/** Intent fields a rep may pin as hard filters; everything else only boosts. */
export const PINNABLE = ['region', 'language'] as const;
export const PinnedField = z.enum(PINNABLE);
export type PinnedField = z.infer<typeof PinnedField>;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Remembers a pure function of a string. Matching asks the same questions of the same profile values on
 * every search ("which country is 'Freiburg, Germany' in?"); each answer runs hundreds of patterns.
 * Bounded: the cache starts over past `max` entries.
 */
function memo<T>(fn: (s: string) => T, max = 20_000): (s: string) => T {
  const cache = new Map<string, T>();
  return (s) => {
    if (cache.has(s)) return cache.get(s) as T;
    const value = fn(s);
    if (cache.size >= max) cache.clear();
    cache.set(s, value);
    return value;
  };
}
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const capitalise = (s: string) => (s ? s[0].toUpperCase() + s.slice(1) : s);

type Mention = { value: string; index: number; length: number };
/** Earliest mention wins (descriptions name the prospect first); at the same place the longest. */
function earliest(mentions: Mention[]): Mention | undefined {
  return mentions.sort((a, b) => a.index - b.index || b.length - a.length)[0];
}
function find(text: string, pattern: RegExp, value: (m: RegExpExecArray) => string | undefined): Mention[] {
  const out: Mention[] = [];
  // A global pattern is reused as is (synchronous use, lastIndex reset): compiling hundreds of place
  // patterns on every call was most of the cost of matching intent against a profile.
  const re = pattern.flags.includes('g') ? pattern : new RegExp(pattern.source, pattern.flags + 'g');
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const v = value(m);
    if (v) out.push({ value: v, index: m.index, length: m[0].length });
    if (m[0].length === 0) re.lastIndex++;
  }
  re.lastIndex = 0;
  return out;
}

// ── industry ────────────────────────────────────────────────────────────────────────────────────────────

const INDUSTRY_PATTERNS = INDUSTRIES.map(({ label, pattern }) => ({ label, pattern: new RegExp(pattern.source, 'gi') }));

/** The canonical industry label ("Healthcare", "Financial services") first named in `text`. */
export const industryOf = memo((text: string): string | undefined =>
  earliest(INDUSTRY_PATTERNS.flatMap(({ label, pattern }) => find(text, pattern, () => label)))?.value,
);

// ── region ──────────────────────────────────────────────────────────────────────────────────────────────

/** Place names that are also ordinary words: recognised only when capitalised. */
const CAPITALISED_ONLY = new Set(['Nice', 'Turkey', 'Phoenix', 'Chile', 'Reading', 'Polish']);
/** Demonyms reps use for a prospect's country ("a Dutch insurer"); the country names are COUNTRIES' keys. */
const DEMONYMS: Record<string, string> = {
  German: 'Germany', Austrian: 'Austria', Swiss: 'Switzerland', French: 'France', Belgian: 'Belgium', Dutch: 'Netherlands',
  Spanish: 'Spain', Portuguese: 'Portugal', Italian: 'Italy', Danish: 'Denmark', Swedish: 'Sweden', Norwegian: 'Norway',
  Finnish: 'Finland', Polish: 'Poland', Czech: 'Czech Republic', Greek: 'Greece', Turkish: 'Turkey', Irish: 'Ireland',
  British: 'United Kingdom', Scottish: 'United Kingdom', Welsh: 'United Kingdom', American: 'United States', Canadian: 'Canada',
  Mexican: 'Mexico', Brazilian: 'Brazil', Argentinian: 'Argentina', Chilean: 'Chile', Colombian: 'Colombia', Indian: 'India',
  Japanese: 'Japan', Chinese: 'China', Korean: 'South Korea', Australian: 'Australia', Nigerian: 'Nigeria', Kenyan: 'Kenya',
  'South African': 'South Africa', Emirati: 'United Arab Emirates', Saudi: 'Saudi Arabia', Singaporean: 'Singapore', Israeli: 'Israel',
  // Areas, not countries.
  'Latin American': 'Latin America', European: 'Europe', Nordic: 'Nordics', Scandinavian: 'Nordics',
};
const AREA_DEMONYMS = new Set(['Latin America', 'Europe', 'Nordics']);
const ACRONYM_AREAS = new Set(['dach', 'emea', 'apac', 'latam', 'eu', 'uae', 'uk', 'usa']);
/** Continents the lexicon only names as related words. */
const CONTINENTS = ['Europe', 'North America', 'Asia Pacific'];

/** `key`: the name in lower case without dots; a text that does not contain it cannot match (a cheap pre-filter). */
type Place = { display: string; country?: string; pattern: RegExp; key: string };
const PLACE_PATTERNS: Place[] = (() => {
  const places: Place[] = [];
  const names = new Set<string>();
  const add = (name: string, display: string, country?: string) => {
    names.add(name.toLowerCase());
    // Short all-caps aliases ("US", "UK", "PRC") collide with words ("us"): exact case only.
    const exactCase = (/^[A-Z.]+$/.test(name) && name.length <= 5) || CAPITALISED_ONLY.has(name);
    const body = escape(name).replace(/\\\./g, '\\.?');
    const key = name.toLowerCase().replace(/\./g, '');
    places.push({ display, country, key, pattern: new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, exactCase ? 'gu' : 'giu') });
  };
  for (const [country, aliases] of Object.entries(COUNTRIES)) for (const alias of aliases) add(alias, country, country);
  for (const [place, country] of Object.entries(PLACES)) add(place, place, country);
  for (const key of Object.keys(REGIONS)) {
    if (names.has(key)) continue;
    const display = ACRONYM_AREAS.has(key) ? key.toUpperCase() : key.split(' ').map(capitalise).join(' ');
    add(key, display);
  }
  for (const c of CONTINENTS) add(c, c);
  // "a Portuguese insurer", "Austrian bank": a demonym names the country, unless it names a language
  // ("German-speaking", "speaks French", "in Spanish").
  for (const [demonym, country] of Object.entries(DEMONYMS)) {
    const flags = CAPITALISED_ONLY.has(demonym) ? 'gu' : 'giu';
    const notLanguage = '(?<!\\b(?:in|speaks?|speaking|fluent in|language:?)\\s+)';
    const pattern = new RegExp(`${notLanguage}(?<![\\p{L}\\p{N}])${demonym}(?![\\p{L}\\p{N}])(?![- ](?:speaking|speakers?|language)\\b)`, flags);
    places.push({ display: country, country: AREA_DEMONYMS.has(country) ? undefined : country, key: demonym.toLowerCase(), pattern });
  }
  return places;
})();

function placeMentions(text: string): (Mention & { country?: string })[] {
  // Hundreds of place patterns: only those whose name occurs in the text at all are run.
  const folded = text.toLowerCase().replace(/\./g, '');
  const all = PLACE_PATTERNS.flatMap((p) =>
    folded.includes(p.key) ? find(text, p.pattern, () => p.display).map((m) => ({ ...m, country: p.country })) : [],
  );
  // A name inside a longer one is not a mention of its own: "America" in "Latin America" is not the USA.
  return all.filter((m) => !all.some((o) => o.length > m.length && o.index <= m.index && o.index + o.length >= m.index + m.length));
}

/** The region first named in `text`, as a rep would say it ("Germany", "Texas", "DACH"). */
export function regionOf(text: string): string | undefined {
  return earliest(placeMentions(text))?.value;
}

/** Whether a word of a description names a place at all (most do not: a cheap test before comparing regions). */
export const namesPlace = memo((word: string): boolean => regionOf(word) !== undefined);

/** The country a region text is in ("Freiburg, Germany" → Germany, "Austin, TX" → United States). */
export const countryOf = memo((text: string): string | undefined => {
  const found = earliest(placeMentions(text).filter((m) => m.country)) as (Mention & { country?: string }) | undefined;
  if (found) return found.country;
  return US_STATE_CODE.test(text) ? 'United States' : undefined;
});

const singular = (w: string) => w.replace(/s$/, '');
/** The words a region text stands for, two steps through the lexicon ("Ohio" → usa, midwest → united states, america, north). */
const areaWords = memo(function areaWords(text: string): ReadonlySet<string> {
  const country = countryOf(text);
  let tokens = tokenize(`${text} ${country ?? ''}`);
  const words = new Set(tokens.map((t) => singular(t.text)));
  for (let step = 0; step < 2; step++) {
    tokens = relatedTokens(tokens);
    tokens.forEach((t) => words.add(singular(t.text)));
  }
  return words;
});

/**
 * Whether an advocate's region satisfies a region the rep asked for. Countries compare as countries (a
 * state or city stands for its country: "Texas" admits any advocate in the United States); wider areas
 * ("DACH", "Nordics", "Europe", "Midwest") admit the places the lexicon puts in them.
 */
const wordPattern = memo((want: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escape(want)}(?![\\p{L}\\p{N}])`, 'iu'), 2000);

export function regionMatches(wanted: string, advocateRegion: string): boolean {
  const want = wanted.trim();
  if (!want || !advocateRegion.trim()) return false;
  if (wordPattern(want).test(advocateRegion)) return true;
  const country = countryOf(want);
  if (country) return countryOf(advocateRegion) === country;
  const have = areaWords(advocateRegion);
  const need = tokenize(want).map((t) => singular(t.text));
  return need.length > 0 && need.every((w) => have.has(w));
}

// ── company size ────────────────────────────────────────────────────────────────────────────────────────

const SIZE_WORDS: [RegExp, string][] = [
  [/\b(?:mid-?(?:size|sized|market)|medium[- ]?sized?|midsized?)\b/i, 'mid-size'],
  [/\b(?:small(?:er)?|smbs?|smes?|start-?ups?|family-owned|boutique)\b/i, 'small'],
  [/\b(?:enterprises?|large|multinational|fortune (?:500|1000)|global corporation)\b/i, 'enterprise'],
];
const HEADCOUNT = /(\d{1,3}(?:[,.]\d{3})+|\d+(?:\.\d+)?\s*k|\d+)\s*\+?\s*(?:employees|staff|people|workers|FTEs?|headcount)\b/i;

function headcount(m: RegExpExecArray): number {
  const raw = m[1].toLowerCase().replace(/\s/g, '');
  return raw.endsWith('k') ? parseFloat(raw) * 1000 : Number(raw.replace(/[,.]/g, ''));
}
const bucket = (n: number) => (n < 250 ? 'small' : n < 5000 ? 'mid-size' : 'enterprise');

/** small / mid-size / enterprise, from words ("mid-market") or a headcount ("1,200 employees"). */
export const sizeBucket = memo((text: string): string | undefined => {
  const word = earliest(SIZE_WORDS.flatMap(([re, label]) => find(text, re, () => label)));
  if (word) return word.value;
  const m = HEADCOUNT.exec(text);
  return m ? bucket(headcount(m)) : undefined;
});

function companySizeOf(text: string): string | undefined {
  const word = earliest(SIZE_WORDS.flatMap(([re, label]) => find(text, re, () => label)));
  const m = HEADCOUNT.exec(text);
  if (word && (!m || word.index <= m.index)) return word.value;
  return m ? clean(m[0]) : undefined;
}

// ── persona ─────────────────────────────────────────────────────────────────────────────────────────────

const HEAD_ACRONYMS = TITLE_HEADS.split('|').filter((h) => /^[A-Z]{2,5}$/.test(h));
const ACRONYM = new RegExp(`\\b(${HEAD_ACRONYMS.join('|')})\\b`, 'gi');
const TITLED = /\b(?:(?:head|vp|vice president|director) of(?: the)? [a-z&]+(?: [a-z&]+)?|chief [a-z]+ officer)\b/gi;
const isStop = (w: string) => w !== 'IT' && (STOP_WORDS.has(w.toLowerCase()) || /^(?:a|an|the|at|in|for)$/i.test(w));
function trimStops(words: string[]): string[] {
  const out = [...words];
  while (out.length && isStop(out[out.length - 1])) out.pop();
  return out;
}
const ROLE = /\b((?:[a-z&]+ ){0,2})(director|manager|lead|leader|officer|administrator|architect|engineer|buyer|team)s?\b/gi;

function personaOf(text: string): string | undefined {
  const mentions = [
    ...find(text, ACRONYM, (m) => (m[1] === m[1].toUpperCase() || m[1].length >= 3 ? m[1].toUpperCase() : undefined)),
    ...find(text, TITLED, (m) => capitalise(trimStops(clean(m[0]).split(' ')).join(' '))),
    ...find(text, ROLE, (m) => {
      const words = clean(m[1]).split(' ').filter(Boolean);
      // "Spanish-speaking medical director": the language is not part of the role.
      while (words.length && (isStop(words[0]) || /speaking$/i.test(words[0]))) words.shift();
      if (!words.length || words.some(isStop)) return undefined;
      return `${words.join(' ')} ${m[2]}`;
    }),
  ];
  return earliest(mentions)?.value;
}

/** Whether a word of a description names a role ("cfo", "director"): a cheap test before comparing titles. */
export const namesPersona = memo((word: string): boolean => personaOf(word) !== undefined);

/** Whether an advocate's title fits a persona ("CIO" fits "Chief Information Officer"). */
export function personaMatches(persona: string, title: string): boolean {
  const p = persona.trim().toLowerCase();
  const t = title.toLowerCase();
  if (!p || !t) return false;
  const forms = [p];
  const related = own(RELATED_TERMS, p);
  if (related?.startsWith('chief ')) forms.push(related.split(' ').slice(0, 3).join(' '));
  if (p === 'vp') forms.push('vice president');
  return forms.some((f) => new RegExp(`(?<![\\p{L}])${escape(f)}(?![\\p{L}])`, 'iu').test(t));
}

// ── language ────────────────────────────────────────────────────────────────────────────────────────────

const LANGUAGE_NAMES = LANGUAGES.map(escape).join('|');
const LANGUAGE_AFTER = new RegExp(`\\b(${LANGUAGE_NAMES})[- ](?:speaking|speakers?|language)\\b`, 'gi');
const LANGUAGE_BEFORE = new RegExp(`\\b(?:in|speaks?|speaking|fluent in|language:?)\\s+(${LANGUAGE_NAMES})\\b`, 'gi');
const canonicalLanguage = (w: string) => LANGUAGES.find((l) => l.toLowerCase() === w.toLowerCase()) ?? w;

function languageOf(text: string): string | undefined {
  return earliest([
    ...find(text, LANGUAGE_AFTER, (m) => canonicalLanguage(m[1])),
    ...find(text, LANGUAGE_BEFORE, (m) => canonicalLanguage(m[1])),
  ])?.value;
}

// ── products and use case ───────────────────────────────────────────────────────────────────────────────

const PRODUCT_AFTER_VERB =
  /\b(?:evaluating|considering|interested in|looking at|trialling|trialing|piloting|buying|using|demo of|pricing for)\s+(?:our |the )?((?:[A-Z][\w-]*)(?: [A-Z][\w-]*){0,2})/g;

function productsOf(text: string, catalogue: string[]): string[] {
  const found = catalogue
    .map((name) => find(text, new RegExp(`(?<![\\p{L}\\p{N}])${escape(name).replace(/\s+/g, '[\\s-]*')}(?![\\p{L}\\p{N}])`, 'giu'), () => name))
    .flat();
  const named = find(text, PRODUCT_AFTER_VERB, (m) => {
    const name = m[1];
    return PLACE_PATTERNS.some((p) => p.display === name) || industryOf(name) || HEAD_ACRONYMS.includes(name) ? undefined : name;
  });
  return [...new Set([...found, ...named].sort((a, b) => a.index - b.index).map((m) => m.value))];
}

const CLAUSE = '([^,.;:!?\\n]+)';
const USE_CASE_RULES: RegExp[] = [
  new RegExp(`\\buse[- ]cases?\\s*(?:is|are|:)?\\s*${CLAUSE}`, 'gi'),
  new RegExp(`\\b(?:evaluat\\w*|consider\\w*|looking at|interested in|using|use|buy\\w*|pilot\\w*|trial\\w*)\\b[^,.;:!?\\n]*?\\bfor\\s+${CLAUSE}`, 'gi'),
  new RegExp(`\\b(?:needs?|wants?|looking|plans?|planning|hoping|trying)\\s+to\\s+${CLAUSE}`, 'gi'),
  new RegExp(`\\b((?:replac|migrat|modernis|moderniz|automat|consolidat|digitis|digitiz|streamlin)\\w*\\s+${CLAUSE.slice(1, -1)})`, 'gi'),
  new RegExp(`\\b(?:needs?|wants?)\\s+${CLAUSE}`, 'gi'),
  new RegExp(`\\binterested in\\s+${CLAUSE}`, 'gi'),
];

function tidyUseCase(raw: string): string | undefined {
  let s = clean(raw)
    .split(/\s+(?:in|across|because|since|while|but|and is|who|which|that are)\s+/i)[0]
    .replace(/^(?:a|an|the|our|their|its)\s+/i, '');
  const words = s.split(' ');
  if (words.length > 8) s = words.slice(0, 8).join(' ');
  return s.length >= 3 ? s : undefined;
}

function useCaseOf(text: string): string | undefined {
  for (const rule of USE_CASE_RULES) {
    const m = earliest(find(text, rule, (x) => tidyUseCase(x[1])));
    if (m) return m.value;
  }
  return undefined;
}

// ── the whole intent ────────────────────────────────────────────────────────────────────────────────────

/** Reads a prospect description by rules. `products`: the vendor's catalogue (VOUCH_PRODUCTS), if any. */
export function extractIntent(text: string, options: { products?: string[] } = {}): Intent {
  const t = text.normalize('NFC');
  const intent: Intent = { products: productsOf(t, options.products ?? []) };
  const set = (field: Exclude<IntentField, 'products'>, value: string | undefined) => {
    if (value) intent[field] = value;
  };
  set('industry', industryOf(t));
  set('region', regionOf(t));
  set('companySize', companySizeOf(t));
  set('useCase', useCaseOf(t));
  set('persona', personaOf(t));
  set('language', languageOf(t));
  return intent;
}

/** An advocate's approved profile fields, as far as intent matching looks at them. */
export type IntentProfile = {
  industry: string;
  region: string;
  companySize: string;
  title: string;
  languages: string[];
  products: string[];
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The intent fields an advocate's approved profile agrees with (each earns a small ranking boost). */
export function intentMatches(intent: Intent, a: IntentProfile): IntentField[] {
  const hits: IntentField[] = [];
  const label = (s: string) => (industryOf(s) ?? s).toLowerCase().trim();
  if (intent.industry && a.industry && label(intent.industry) === label(a.industry)) hits.push('industry');
  if (intent.region && regionMatches(intent.region, a.region)) hits.push('region');
  if (intent.companySize && a.companySize) {
    const want = sizeBucket(intent.companySize);
    if (want && want === sizeBucket(a.companySize)) hits.push('companySize');
  }
  if (intent.persona && personaMatches(intent.persona, a.title)) hits.push('persona');
  if (intent.language && languageMatches(intent.language, a.languages)) hits.push('language');
  if (intent.products.some((p) => a.products.some((q) => q.toLowerCase().includes(p.toLowerCase()) || p.toLowerCase().includes(q.toLowerCase()))))
    hits.push('products');
  return hits;
}

export function languageMatches(language: string, languages: string[]): boolean {
  return languages.some((l) => same(l, language) || l.toLowerCase().startsWith(`${language.trim().toLowerCase()} `));
}

/**
 * The hard filters a rep pinned: an advocate passes when its approved profile satisfies every pinned field
 * that has a value. A pinned field without a value filters nothing.
 */
export function passesPinned(intent: Intent, pinned: readonly PinnedField[], a: IntentProfile): boolean {
  return pinned.every((field) => {
    const want = intent[field]?.trim();
    if (!want) return true;
    return field === 'region' ? regionMatches(want, a.region) : languageMatches(want, a.languages);
  });
}

// ── intent read by a model ──────────────────────────────────────────────────────────────────────────────

// Plain text like everything a person sends: a reply with a control character is off-schema (the rules read it).
const said = (max: number, what: string) => plainText().max(max).describe(what);
/**
 * What the model is asked to return (prompts/match-intent.md): flat, strings and one string array, "" or []
 * for anything the description does not say — Ollama's structured output ignores optional/nullable schemas.
 */
export const IntentReply = z.object({
  industry: said(120, 'Industry of the prospect company, e.g. "Healthcare", "Financial services"; "" if not said'),
  region: said(120, 'Country, region or city of the prospect as said, e.g. "Germany", "DACH", "Texas"; "" if not said'),
  companySize: said(120, 'Company size as said, e.g. "mid-size", "1,200 employees"; "" if not said'),
  products: z.array(plainText().max(200)).max(20).describe('Our products the prospect is interested in, as named; [] if none'),
  useCase: said(400, 'What the prospect wants to do, in a few words; "" if not said'),
  persona: said(200, 'Role or job title of the person the advocate would talk to, e.g. "CIO"; "" if not said'),
  language: said(60, 'Language the advocate should speak, e.g. "German"; "" if not said'),
});
export type IntentReply = z.infer<typeof IntentReply>;

/**
 * A model's reading as an Intent: empty values dropped, industry and language on the same labels the rules
 * use (so boosts and filters compare like with like), products deduplicated.
 */
export function intentFromModel(reply: IntentReply): Intent {
  const tidy = (v: string) => clean(v).replace(/^["'“”]+|["'“”]+$/g, '');
  const intent: Intent = { products: [...new Set(reply.products.map(tidy).filter(Boolean))].slice(0, 20) };
  const set = (field: Exclude<IntentField, 'products'>, value: string | undefined) => {
    const v = value && tidy(value);
    if (v) intent[field] = v;
  };
  set('industry', industryOf(reply.industry) ?? reply.industry);
  set('region', reply.region);
  set('companySize', reply.companySize);
  set('useCase', reply.useCase);
  set('persona', reply.persona);
  set('language', reply.language && canonicalLanguage(tidy(reply.language)));
  return Intent.parse(intent);
}
