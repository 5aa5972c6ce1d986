/**
 * Rule 2 as one function: is this quote words the advocate said? The server's quote check and the review
 * page's live check both call it, so a quote the reviewer sees marked "found" is one the server accepts.
 *
 * Pure; no IO.
 */
import { maskInstructions } from './instructions.js';
import { PreparedText, findSpan } from './textmatch.js';
import { splitSpeakerLabel } from './transcript.js';

/**
 * A quote arrives wrapped in its own quote marks, maybe with an ellipsis marking it as a fragment
 * ("…and then the board said yes"); the marks are not part of what was said.
 */
export function unwrapQuote(quote: string): string {
  return quote
    .trim()
    .replace(/^["'“”„‘’«»]+|["'“”„‘’«»]+$/g, '')
    .trim()
    .replace(/^(?:…|\.{3})\s*|\s*(?:…|\.{3})$/g, '')
    .trim();
}

const INTERVIEWER_LABEL = /\b(?:interviewer|host|moderator|facilitator)\b|^(?:q|me)$/i;
const words = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s*\([^)]*\)$/, '').split(/[\s.,]+/).filter(Boolean);

/**
 * The text with every turn the advocate did not speak hidden (same length, so offsets stay valid): a quote
 * is words the advocate said, not the interviewer's summary or a colleague's line. Turns are lines starting
 * with a label used at least twice ("Sam Carter:", "Q:"), up to the next label or blank line. When the
 * advocate's name is one of the labels, all other speakers' turns are hidden; otherwise only turns labelled
 * like an interviewer.
 */
export function advocateText(text: string, advocate: string): string {
  const lines = text.split('\n');
  const labels = lines.map((line) => splitSpeakerLabel(line).speaker);
  const counts = new Map<string, number>();
  for (const label of labels) if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
  const speakers = new Set([...counts].filter(([, n]) => n >= 2).map(([label]) => label));
  if (speakers.size === 0) return text;
  const name = words(advocate);
  const isAdvocate = (label: string) => {
    const l = words(label);
    return name.length > 0 && l.length > 0 && (l.every((w) => name.includes(w)) || name.every((w) => l.includes(w)));
  };
  const advocateSpeaks = [...speakers].some(isAdvocate);
  const foreign = (label: string) => (advocateSpeaks ? !isAdvocate(label) : INTERVIEWER_LABEL.test(label));
  let turn: string | undefined;
  return lines
    .map((line, i) => {
      const label = labels[i];
      if (label !== undefined && speakers.has(label)) turn = label;
      else if (line.trim() === '') turn = undefined;
      return turn !== undefined && foreign(turn) ? '\u0000'.repeat(line.length) : line;
    })
    .join('\n');
}

export type QuoteVerifier = (quote: string, advocateName: string) => boolean;

/**
 * A verifier over one interview's notes: a quote passes when it occurs, case-sensitively after normalising
 * quote marks, dashes, ellipses and white space, in the advocate's own turns, outside any text addressed to a
 * model. The advocate's turns depend on the name (a reviewer may correct it), so they are prepared per name
 * and kept: re-checking on every keystroke costs one search.
 */
export function createQuoteVerifier(notes: string): QuoteVerifier {
  const trusted = maskInstructions(notes);
  const byName = new Map<string, PreparedText>();
  let whole: PreparedText | undefined;
  const spokenBy = (name: string): PreparedText => {
    let prepared = byName.get(name);
    if (!prepared) {
      const own = advocateText(trusted, name);
      prepared = own === trusted ? (whole ??= new PreparedText(trusted)) : new PreparedText(own);
      if (byName.size > 32) byName.clear();
      byName.set(name, prepared);
    }
    return prepared;
  };
  return (quote, advocateName) => {
    const q = unwrapQuote(quote);
    return q.length > 0 && findSpan(spokenBy(advocateName.trim()), q) !== null;
  };
}
