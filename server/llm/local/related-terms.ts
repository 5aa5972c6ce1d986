import { RELATED_TERMS } from './lexicon.js';
import { tokenize, type Token } from './tokenize.js';

/** The lexicon with keys and values in tokenized form, so matching compares like with like. */
const ENTRIES: ReadonlyMap<string, Token[]> = new Map(
  Object.entries(RELATED_TERMS).map(([term, related]) => [keyOf(tokenize(term)), tokenize(related)]),
);
const LONGEST = Math.max(...[...ENTRIES.keys()].map((k) => k.split(' ').length));
/** The longest entry starting with each word: most words start none, and need no lookup at all. */
const LONGEST_FROM: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const key of ENTRIES.keys()) {
    const words = key.split(' ');
    m.set(words[0], Math.max(m.get(words[0]) ?? 0, words.length));
  }
  return m;
})();

/**
 * Related-word tokens for the lexicon terms in `tokens`, matched greedily longest first ("school district"
 * before "school"), a trailing plural accepted ("care homes", "utilities").
 */
export function relatedTokens(tokens: Token[]): Token[] {
  const related: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    let matched = 0;
    // Only the last word of a phrase is singularised, so past one word the first word must match as is.
    const longest = Math.max(LONGEST_FROM.get(tokens[i].text) ?? 0, ENTRIES.has(singularKey([tokens[i]])) ? 1 : 0);
    for (let n = Math.min(longest, LONGEST, tokens.length - i); n > 0 && matched === 0; n--) {
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
