import { RELATED_TERMS } from './lexicon.js';
import { tokenize, type Token } from './tokenize.js';

/** The lexicon with keys and values in tokenized form, so matching compares like with like. */
const ENTRIES: ReadonlyMap<string, Token[]> = new Map(
  Object.entries(RELATED_TERMS).map(([term, related]) => [keyOf(tokenize(term)), tokenize(related)]),
);
const LONGEST = Math.max(...[...ENTRIES.keys()].map((k) => k.split(' ').length));

/**
 * Related-word tokens for the lexicon terms in `tokens`, matched greedily longest first ("school district"
 * before "school"), a trailing plural accepted ("care homes", "utilities").
 */
export function relatedTokens(tokens: Token[]): Token[] {
  const related: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    for (let n = Math.min(LONGEST, tokens.length - i); n > 0 && matched === 0; n--) {
      const words = tokens.slice(i, i + n);
      const hit = ENTRIES.get(keyOf(words)) ?? ENTRIES.get(singularKey(words));
      if (hit) {
        related.push(...hit);
        matched = n;
      }
    }
    i += Math.max(matched, 1);
  }
  return related;
}

function keyOf(tokens: Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}

function singularKey(tokens: Token[]): string {
  const last = tokens[tokens.length - 1].text;
  const singular = last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.endsWith('s') ? last.slice(0, -1) : last;
  return keyOf([...tokens.slice(0, -1), { text: singular, parts: [singular] }]);
}
