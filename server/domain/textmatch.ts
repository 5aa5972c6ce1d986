/**
 * Finding a value in the interview text, tolerant of the differences that copy-paste and models introduce
 * (curly vs straight quotes, dash variants, ellipses, non-breaking and repeated spaces, Unicode forms) but
 * always answering with offsets into the ORIGINAL text, because evidence highlights point there.
 *
 * Pure; no IO.
 */

export interface Span {
  start: number;
  end: number;
}

export interface MatchOptions {
  /** Also fold letter case (names, industries); quotes are matched case-sensitively. */
  caseInsensitive?: boolean;
}

/** A normalised string plus, for each of its characters, the original range that produced it. */
export interface NormalisedText {
  text: string;
  /** Original start offset of normalised char i. */
  starts: number[];
  /** Original end offset (exclusive) of normalised char i. */
  ends: number[];
}

const SINGLE_QUOTES = /['‘’‚‛′`´‹›]/;
const DOUBLE_QUOTES = /["“”„‟″«»]/;
const DASHES = /[‐‑‒–—―−]/;
/** A dash of any style, including the ASCII hyphen-minus ("--" is how plain text writes an em dash). */
const ANY_DASH = /[-‐‑‒–—―−]/;
/** Characters that render as nothing and only break matches. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const SPACE = /\s/;

function foldChar(ch: string): string {
  if (SINGLE_QUOTES.test(ch)) return "'";
  if (DOUBLE_QUOTES.test(ch)) return '"';
  if (DASHES.test(ch)) return '-';
  // NFKD per code point keeps lengths mappable and makes composed/decomposed accents, '…', ligatures and
  // full-width forms compare equal on both sides.
  return ch.normalize('NFKD');
}

export function normaliseForMatch(input: string, options: MatchOptions = {}): NormalisedText {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  while (i < input.length) {
    const cp = input.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    const next = i + ch.length;
    if (INVISIBLE.test(ch)) {
      i = next;
      continue;
    }
    if (ANY_DASH.test(ch)) {
      // A run of dashes ("-", "--", "—") and the spacing around it are typography: all become " - ".
      let j = next;
      while (j < input.length && ANY_DASH.test(input[j])) j++;
      let k = j;
      while (k < input.length && (SPACE.test(input[k]) || INVISIBLE.test(input[k]))) k++;
      if (!text.endsWith(' ')) {
        text += ' ';
        starts.push(i);
        ends.push(i);
      }
      text += '- ';
      starts.push(i, j);
      ends.push(j, k);
      i = k;
      continue;
    }
    if (SPACE.test(ch)) {
      // A run of white space becomes one space that stands for the whole run.
      let j = next;
      while (j < input.length && (SPACE.test(input[j]) || INVISIBLE.test(input[j]))) j++;
      text += ' ';
      starts.push(i);
      ends.push(j);
      i = j;
      continue;
    }
    let folded = foldChar(ch);
    if (options.caseInsensitive) folded = folded.toLowerCase();
    for (let k = 0; k < folded.length; k++) {
      text += folded[k];
      starts.push(i);
      ends.push(next);
    }
    i = next;
  }
  return { text, starts, ends };
}

/** A word: letters, digits and combining marks, with inner apostrophes, dots and commas ("don't", "1,200"). */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?:['.,][\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*/gu;

interface Token {
  text: string;
  start: number;
  end: number;
}

function tokens(norm: NormalisedText): Token[] {
  const out: Token[] = [];
  for (const m of norm.text.matchAll(TOKEN)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
  return out;
}

/** Maps a [start, end) range of normalised text back to the original string. */
export function toOriginalSpan(norm: NormalisedText, start: number, end: number): Span {
  return { start: norm.starts[start], end: norm.ends[end - 1] };
}

/**
 * The haystack normalised once per option set, so aligning forty fields does not re-normalise 20 KB forty
 * times. Pass it wherever a haystack string is accepted.
 */
export class PreparedText {
  private readonly cache = new Map<string, NormalisedText>();
  private words?: TokenIndex;
  constructor(readonly original: string) {}

  normalised(options: MatchOptions = {}): NormalisedText {
    const key = options.caseInsensitive ? 'ci' : 'cs';
    let norm = this.cache.get(key);
    if (!norm) {
      norm = normaliseForMatch(this.original, options);
      this.cache.set(key, norm);
    }
    return norm;
  }

  /** Word tokens of the case-folded text, each with an id into `vocabulary`, for fuzzy matching. */
  tokens(): TokenIndex {
    if (!this.words) {
      const list = tokens(this.normalised({ caseInsensitive: true }));
      const ids = new Map<string, number>();
      const vocabulary: string[] = [];
      const idOf = (word: string) => {
        let id = ids.get(word);
        if (id === undefined) {
          id = vocabulary.push(word) - 1;
          ids.set(word, id);
        }
        return id;
      };
      this.words = { list, ids: Int32Array.from(list, (t) => idOf(t.text)), vocabulary };
    }
    return this.words;
  }
}

interface TokenIndex {
  list: Token[];
  /** Vocabulary id of each token, so token-pair costs are computed once per distinct word. */
  ids: Int32Array;
  vocabulary: string[];
}

export function prepare(haystack: string | PreparedText): PreparedText {
  return typeof haystack === 'string' ? new PreparedText(haystack) : haystack;
}

/**
 * Exact match first, then a match after normalising quotes, dashes, ellipses, spaces (and case when asked).
 * Returns offsets into the original haystack, or null.
 */
export function findSpan(haystack: string | PreparedText, needle: string, options: MatchOptions = {}): Span | null {
  const prepared = prepare(haystack);
  const trimmed = needle.trim();
  if (!trimmed) return null;
  const exact = indexOnWordBoundaries(prepared.original, trimmed);
  if (exact >= 0) return { start: exact, end: exact + trimmed.length };

  const hay = prepared.normalised(options);
  const pin = normaliseForMatch(trimmed, options).text.trim();
  if (!pin) return null;
  const at = indexOnWordBoundaries(hay.text, pin);
  return at >= 0 ? toOriginalSpan(hay, at, at + pin.length) : null;
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/** First occurrence that does not start or end inside a word: "Ann" is not found in "Anna". */
function indexOnWordBoundaries(text: string, pin: string): number {
  const cutsIn = (left: string | undefined, right: string | undefined) =>
    left !== undefined && right !== undefined && WORD_CHAR.test(left) && WORD_CHAR.test(right);
  for (let at = text.indexOf(pin); at >= 0; at = text.indexOf(pin, at + 1)) {
    const end = at + pin.length;
    if (!cutsIn(text[at - 1], text[at]) && !cutsIn(text[end - 1], text[end])) return at;
  }
  return -1;
}

// ---- Fuzzy matching (never for quotes: a quote is verbatim or it is not a quote) ----

/** Needles longer than this are sentences, not values; fuzzy-aligning them costs more than it tells. */
const MAX_FUZZY_TOKENS = 64;

const MAX_EDIT_RATIO = 0.34;
const rowA = new Uint16Array(256);
const rowB = new Uint16Array(256);

/** Edit distance, or Infinity as soon as it must exceed `bound` (words differ too much to matter). */
function boundedLevenshtein(a: string, b: string, bound: number): number {
  let prev = rowA;
  let row = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (row[j] < rowMin) rowMin = row[j];
    }
    if (rowMin > bound) return Infinity;
    [prev, row] = [row, prev];
  }
  return prev[b.length];
}

/**
 * Cost of reading token b where a was expected: 0 when equal, partial for inflections and typos
 * ("clinic"/"clinics", "organisation"/"organization"), 1 for different words.
 */
function substitutionCost(a: string, b: string): number {
  if (a === b) return 0;
  const longest = Math.max(a.length, b.length);
  if (Math.abs(a.length - b.length) > MAX_EDIT_RATIO * longest || longest >= rowA.length) return 1;
  const distance = boundedLevenshtein(a, b, Math.floor(MAX_EDIT_RATIO * longest));
  return distance === Infinity ? 1 : distance / longest;
}

/**
 * The window of the haystack most similar to the needle, by token-level edit distance (semi-global alignment:
 * the window may start and end anywhere). Similarity = 1 - cost / needle tokens. O(haystack tokens x needle
 * tokens), with token-pair costs cached, so a 20 KB interview stays in milliseconds.
 */
export function findFuzzySpan(haystack: string | PreparedText, needle: string, minSimilarity = 0.85): Span | null {
  const prepared = prepare(haystack);
  const want = tokens(normaliseForMatch(needle, { caseInsensitive: true })).map((t) => t.text);
  const m = want.length;
  if (m === 0 || m > MAX_FUZZY_TOKENS) return null;
  const hay = prepared.normalised({ caseInsensitive: true });
  const { list, ids, vocabulary } = prepared.tokens();

  // cost[i][word id], computed on first use (NaN = not yet).
  const cost = want.map(() => new Float64Array(vocabulary.length).fill(NaN));
  // Column-by-column over the haystack: col[i] = best cost of aligning want[0..i) ending at this token,
  // from[i] = haystack token where that alignment started.
  let col = Float64Array.from({ length: m + 1 }, (_, i) => i);
  let from = new Int32Array(m + 1);
  let next = new Float64Array(m + 1);
  let nextFrom = new Int32Array(m + 1);
  let best = { cost: m, start: 0, end: 0 };
  for (let j = 0; j < ids.length; j++) {
    const word = ids[j];
    next[0] = 0;
    nextFrom[0] = j + 1;
    for (let i = 1; i <= m; i++) {
      let sub = cost[i - 1][word];
      if (Number.isNaN(sub)) sub = cost[i - 1][word] = substitutionCost(want[i - 1], vocabulary[word]);
      const diagonal = col[i - 1] + sub;
      const skipHay = col[i] + 1;
      const skipWant = next[i - 1] + 1;
      if (diagonal <= skipHay && diagonal <= skipWant) {
        next[i] = diagonal;
        nextFrom[i] = from[i - 1];
      } else if (skipHay <= skipWant) {
        next[i] = skipHay;
        nextFrom[i] = from[i];
      } else {
        next[i] = skipWant;
        nextFrom[i] = nextFrom[i - 1];
      }
    }
    if (next[m] < best.cost) best = { cost: next[m], start: nextFrom[m], end: j + 1 };
    [col, next] = [next, col];
    [from, nextFrom] = [nextFrom, from];
  }
  if (best.end <= best.start || 1 - best.cost / m < minSimilarity) return null;
  return toOriginalSpan(hay, list[best.start].start, list[best.end - 1].end);
}
