import { own } from '../../domain/lookup.js';
import { CASE_SENSITIVE_TERMS } from './lexicon.js';
import { STOP_WORDS } from './stop-words.js';

export interface Token {
  /** Lower case, diacritics folded (the vocabulary is ASCII): "covid-19", "munchen", "e-commerce". */
  text: string;
  /**
   * The pieces between hyphens, dots and ampersands, stop words and single letters removed. A compound the
   * vocabulary lacks ("data-privacy") is pooled from its parts, and hashing uses the parts, so "data-privacy"
   * and "data privacy" overlap. Equal to [text] for a plain word, and for a compound of letters and numbers
   * only ("k-12", "r&d").
   */
  parts: string[];
}

/** A word, optionally joined to more by single hyphens, apostrophes, dots or ampersands: "covid-19", "r&d", "o'neil". */
const WORD = /[\p{L}\p{N}]+(?:[-'.&][\p{L}\p{N}]+)*/gu;
const JOINER = /[-.&]/;
/** "2024", "2.5", "2019-2020": figures say nothing about what a text is about, and the vocabulary has none. */
const NUMBER = /^\p{N}+(?:[-.&]\p{N}+)*$/u;

/** Content tokens of `input`, in order; stop words, bare numbers and single letters are dropped. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  for (const [surface] of fold(input).matchAll(WORD)) {
    // Acronyms that collide with stop words ("IT", "US") are only recognisable before lower-casing.
    const replacement = own(CASE_SENSITIVE_TERMS, surface);
    if (replacement !== undefined) {
      for (const word of replacement.split(' ')) pushToken(tokens, word);
    } else {
      pushToken(tokens, surface.toLowerCase());
    }
  }
  return tokens;
}

function pushToken(tokens: Token[], raw: string): void {
  // "customer's" → "customer"; other apostrophes are dropped ("o'neil" → "oneil") as the vocabulary has none.
  const text = raw.replace(/'s$/, '').replaceAll("'", '');
  if (!isContent(text)) return;
  if (!JOINER.test(text)) {
    tokens.push({ text, parts: [text] });
    return;
  }
  const parts = text.split(JOINER).filter(isContent);
  // "k-12", "r&d": no part says anything alone, the whole does.
  tokens.push({ text, parts: parts.length > 0 ? parts : [text] });
}

function isContent(word: string): boolean {
  return word.length > 1 && !STOP_WORDS.has(word) && !NUMBER.test(word);
}

/** Folds what the vocabulary cannot contain: accents (ü → u), ligatures and full-width forms (NFKD), ß, curly quotes. */
function fold(input: string): string {
  return input
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replaceAll('ß', 'ss')
    .replace(/[\u2018\u2019\u02bc]/g, "'");
}
