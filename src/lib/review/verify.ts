import { unwrapQuote } from '$domain/grounding';
import { PreparedText, findSpan } from '$domain/textmatch';

/**
 * The reviewer-side twin of the server's quote check (server/domain/grounding.ts): a quote must occur in
 * the notes, case-sensitively, after normalising quotes, dashes and white space — the same pure matcher the
 * server uses. Used to re-check a quote live while the reviewer edits it; the server checks again.
 */
export function prepareNotes(text: string): PreparedText {
  return new PreparedText(text);
}

export function quoteInNotes(quote: string, notes: PreparedText): boolean {
  const q = unwrapQuote(quote);
  return q.length > 0 && findSpan(notes, q) !== null;
}
