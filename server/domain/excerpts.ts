/**
 * Evidence a rep may see. Reps never see interview notes or drafts (rule 1), yet a match should say *why*
 * an advocate fits with something a rep can repeat. The resolution: at approval, for each approved fact,
 * the span of the notes the reviewer saw highlighted for it is clipped to its sentence and snapshotted into
 * the advocate version. What a rep sees is therefore a sentence a person approved along with the fact, not
 * the notes; quotes need no excerpt (they are verbatim, checked words of the customer).
 *
 * Pure; no IO.
 */
import type { EvidenceExcerpt, EvidenceSpan } from './evidence.js';
import { alignEvidence } from './grounding.js';
import { LIST_FIELDS, SCALAR_FIELDS, type ProfileFieldName, type ProfileFields } from './profile.js';
import { splitSpeakerLabel } from './transcript.js';

/** Long enough for one sentence of context, short enough that an excerpt cannot carry a paragraph. */
export const MAX_EXCERPT_CHARS = 220;

/** The name needs no evidence for a rep; a quote is its own evidence. */
const WITHOUT_EXCERPT: ReadonlySet<ProfileFieldName> = new Set(['name', 'quotes']);

/**
 * The spans behind the approved profile: the draft's own spans (what the reviewer saw highlighted) for every
 * value the reviewer kept, freshly aligned spans for values they typed or changed.
 */
export function approvalSpans(
  text: string,
  draft: { profile: ProfileFields | null; evidence: EvidenceSpan[] },
  approved: ProfileFields,
): EvidenceSpan[] {
  const before = draft.profile;
  let fresh: EvidenceSpan[] | undefined;
  const aligned = () => (fresh ??= alignEvidence(text, approved));
  const valid = (s: EvidenceSpan) => s.start < s.end && s.end <= text.length;
  const out: EvidenceSpan[] = [];
  for (const field of SCALAR_FIELDS) {
    if (WITHOUT_EXCERPT.has(field) || !approved[field].trim()) continue;
    const kept = before !== null && before[field] === approved[field];
    const spans = kept ? draft.evidence.filter((s) => s.field === field && s.index === undefined) : [];
    out.push(...(spans.length ? spans : aligned().filter((s) => s.field === field && s.index === undefined)));
  }
  for (const field of LIST_FIELDS) {
    if (WITHOUT_EXCERPT.has(field)) continue;
    const items: string[] = approved[field];
    const previous: string[] = before ? before[field] : [];
    items.forEach((item, index) => {
      if (!item.trim()) return;
      const origin = previous.indexOf(item);
      const kept = origin >= 0 ? draft.evidence.filter((s) => s.field === field && s.index === origin) : [];
      const spans = kept.length ? kept : aligned().filter((s) => s.field === field && s.index === index);
      out.push(...spans.map((s) => ({ ...s, index })));
    });
  }
  return out.filter(valid);
}

const ABBREVIATIONS = /(?:^|[\s(])(?:dr|mr|mrs|ms|prof|st|vs|etc|inc|ltd|co|e\.g|i\.e|approx|no|jr|sr)$/i;

/** Where the sentence holding `at` starts: after a line break, or after . ! ? and white space. */
function sentenceStart(text: string, at: number): number {
  for (let i = at; i > 0; i--) {
    const c = text[i - 1];
    if (c === '\n') return i;
    if (/\s/.test(c) && i >= 2 && /[.!?]/.test(text[i - 2]) && !ABBREVIATIONS.test(text.slice(Math.max(0, i - 8), i - 2))) return i;
  }
  return 0;
}

/** Where it ends (exclusive): at a line break, or just after . ! ? followed by white space or the end. */
function sentenceEnd(text: string, at: number): number {
  for (let i = at; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') return i;
    if (/[.!?]/.test(c) && (i + 1 === text.length || /\s/.test(text[i + 1])) && !ABBREVIATIONS.test(text.slice(Math.max(0, i - 6), i))) {
      return i + 1;
    }
  }
  return text.length;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const PHONE_LIKE = /\+?[\d(][\d\s().\/-]{6,}\d/g;

/** Contact details stay with the advocacy program (server/domain/advocate.ts), even inside an excerpt. */
export function maskContacts(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(PHONE_LIKE, (m) => ((m.match(/\d/g) ?? []).length >= 9 ? '[phone]' : m));
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A label that starts two or more lines is a speaker in a transcript, not a field of the notes. */
function isSpeaker(text: string, label: string): boolean {
  return (text.match(new RegExp(`^[ \\t]*${escapeRe(label)}[ \\t]*:`, 'gmu')) ?? []).length >= 2;
}

/** One span as a rep-safe excerpt: its sentence, at most MAX_EXCERPT_CHARS around the span, no speaker label. */
export function excerptOf(text: string, span: { start: number; end: number }): string {
  const start = sentenceStart(text, span.start);
  const end = Math.max(start, sentenceEnd(text, span.start));
  const from = span.start;
  const to = Math.min(span.end, end);
  let a = start;
  let b = end;
  if (b - a > MAX_EXCERPT_CHARS) {
    const room = Math.max(0, MAX_EXCERPT_CHARS - (to - from));
    a = Math.max(start, from - Math.floor(room / 2));
    b = Math.min(end, a + MAX_EXCERPT_CHARS);
    // Cut at word boundaries inside the window.
    if (a > start) a = Math.min(from, text.indexOf(' ', a) + 1 || a);
    if (b < end) b = Math.max(to, text.lastIndexOf(' ', b) > a ? text.lastIndexOf(' ', b) : b);
  }
  let out = text.slice(a, b).trim();
  if (a === start) {
    // Markdown list bullets and headings are layout, not words.
    out = out.replace(/^(?:#{1,6}\s+|[-*•]\s+|\d+[.)]\s+)/u, '');
    // A speaker's name goes ("Dana: We cut…" → "We cut…"); a one-off label stays ("Size: 2,100 staff").
    const { speaker, rest } = splitSpeakerLabel(out);
    if (speaker && isSpeaker(text, speaker)) out = rest;
  }
  out = maskContacts(out.replace(/\s+/g, ' '));
  return `${a > start ? '…' : ''}${out}${b < end ? '…' : ''}`;
}

/** One excerpt per approved fact (the first span that yields text), in profile order. */
export function evidenceExcerpts(text: string, spans: EvidenceSpan[]): EvidenceExcerpt[] {
  const seen = new Set<string>();
  const out: EvidenceExcerpt[] = [];
  for (const span of spans) {
    const key = `${span.field}:${span.index ?? ''}`;
    if (seen.has(key)) continue;
    const excerpt = excerptOf(text, span);
    if (!excerpt.replace(/…/g, '').trim()) continue;
    seen.add(key);
    out.push(span.index === undefined ? { field: span.field, text: excerpt } : { field: span.field, index: span.index, text: excerpt });
  }
  return out;
}
