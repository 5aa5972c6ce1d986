/**
 * People, organisations and places as compromise (a rule-based English tagger) sees them. It is one vote
 * among the extractors, not the answer: it finds the right person in most stories but companies far less
 * often. Tagging costs 10-40 ms per KB here (measured), so it is a lazy fallback for notes where the rules
 * found no strong candidate, and then reads a bounded window (headings, the opening, sentences that
 * introduce someone). Its lexicon of first names is consulted everywhere: that is a lookup.
 */
import { createRequire } from 'node:module';
import type compromise from 'compromise';
import type { Doc } from './document.js';
import { ORG_SUFFIXES, TITLE_HEADS } from './vocabulary.js';

const requireCjs = createRequire(import.meta.url);
let loaded: typeof compromise | undefined;
/**
 * compromise is loaded on first use, through its bundled CommonJS build: ~0.2 s, against ~1.2 s for its
 * ESM sources under tsx, and none of it at server start-up.
 */
function load(): typeof compromise {
  loaded ??= requireCjs('compromise') as typeof compromise;
  return loaded;
}
const nlp = (text: string) => load()(text);

export interface NlpEntities {
  people(): string[];
  organizations(): string[];
  places(): string[];
}

const WINDOW_CHARS = 400;
const OPENING_CHARS = 250;
const INTRODUCES = new RegExp(
  `\\b(?:${TITLE_HEADS}|${ORG_SUFFIXES})\\b|\\b(?:based|headquartered|located|spoke|interview\\w*|my name|I'm|I am)\\b`,
  'u',
);

/** compromise keeps punctuation and runs into parentheses: "Maarten de Vries (Vandersloot" → "Maarten de Vries". */
function clean(entity: string): string {
  return entity.split('(')[0].replace(/^[\s"'“‘]+|[\s,.;:!?)"'”’]+$/g, '').replace(/['’]s$/, '');
}

/** Tags on first use only, and at most once per document. */
export function lazyEntities(doc: Doc): NlpEntities {
  let tagged: Record<'people' | 'organizations' | 'places', string[]> | undefined;
  const get = () => (tagged ??= tagWindow(doc));
  return { people: () => get().people, organizations: () => get().organizations, places: () => get().places };
}

function tagWindow(doc: Doc): Record<'people' | 'organizations' | 'places', string[]> {
  const picked: string[] = [];
  let budget = WINDOW_CHARS;
  for (const s of doc.sentences) {
    if (budget <= 0) break;
    if (s.role === 'interviewer') continue;
    if (s.heading || s.start < OPENING_CHARS || INTRODUCES.test(s.text)) {
      picked.push(s.text);
      budget -= s.text.length;
    }
  }
  const view = nlp(picked.join('\n'));
  const list = (v: { out(format: 'array'): string[] }) => v.out('array').map(clean).filter((e) => e.length > 1);
  return { people: list(view.people()), organizations: list(view.organizations()), places: list(view.places()) };
}

const FIRST_NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName']);
let lexiconCache: Record<string, string | string[]> | undefined;
function lexiconOf(): Record<string, string | string[]> {
  lexiconCache ??= (load().model() as { one?: { lexicon?: Record<string, string | string[]> } }).one?.lexicon ?? {};
  return lexiconCache;
}

/** Is this word a first name compromise knows ("Julien", "Hana"; not "Aoife")? */
export function isKnownFirstName(word: string): boolean {
  const tags = lexiconOf()[word.toLowerCase()];
  return (Array.isArray(tags) ? tags : [tags]).some((t) => t !== undefined && FIRST_NAME_TAGS.has(t));
}

/** A short value such as a header's "Customer: …": a person or an organisation? */
export function isPersonName(value: string): boolean {
  return isKnownFirstName(value.split(/\s+/)[0]) || nlp(value).people().found;
}
