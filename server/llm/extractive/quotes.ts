/**
 * Verbatim quotes. Every quote is a slice of the interview text, so it passes the quote check by
 * construction: text inside quotation marks (four words or more), bullets under a "Quotes" heading, and in
 * transcripts the customer's own sentences that sound quotable (first person or a result, with evaluative
 * words). Criticism and logistics ("happy to do a webinar") are left for the reviewer to pick.
 */
import { mentionsActivity } from './activities.js';
import type { Doc, Found, Sentence } from './document.js';
import { isOutcome } from './facts.js';

const MAX_QUOTES = 6;
const MAX_SPOKEN = 4;
const QUOTED = /“([^”\n]+)”|"([^"\n]+)"|„([^“”\n]+)[“”]|«\s?([^»\n]+?)\s?»/g;
const QUOTES_SECTION = /\bquotes?\b|\bin (?:their|her|his) words\b|\bverbatim\b|\bsoundbites?\b/;
const FIRST_PERSON = /\b(?:I|I'm|I've|I'd|I'll|we|we're|we've|we'd|our|my|me|us)\b/i;
const EVALUATIVE =
  /\b(?:love|loved|great|best|easy|easier|simple|simpler|finally|honestly|imagine|changed|game|huge|massive|thank|impossible|never|always|favou?rite|recommend|worth|biggest|better|stopped|proud|trust|transform\w*|difference|moment|actually|than|whole)\b/gi;
const CRITICAL = /\b(?:clunky|mess|grim|harder|problem|frustrat\w*|annoying|complain\w*|broken|slow|can['’]?t filter|sorry|cost us)\b/i;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function sentenceAt(doc: Doc, offset: number): Sentence | undefined {
  return doc.sentences.find((s) => s.start <= offset && offset < s.end);
}

/** Text in quotation marks said by the customer (or written in the notes), minus trailing commas. */
function quotedText(doc: Doc): Found[] {
  const found: Found[] = [];
  for (const m of doc.text.matchAll(QUOTED)) {
    const inner = m.slice(1).find((g) => g !== undefined)!;
    const innerStart = m.index + m[0].indexOf(inner);
    const sentence = sentenceAt(doc, innerStart);
    // Outside any trusted sentence means a heading, or a paragraph that addresses a model.
    if (!sentence || sentence.heading || sentence.role === 'interviewer') continue;
    const value = inner.trim().replace(/[\s,;:]+$/, '');
    if (words(value) < 4 || /^(?:\p{Lu}\S*\s*)+$/u.test(value)) continue;
    found.push({ value, excerpt: sentence.text });
  }
  return found;
}

function quotesSection(doc: Doc): Found[] {
  return doc.sentences
    .filter((s) => s.bullet && QUOTES_SECTION.test(s.section) && !/["“”„«»]/.test(s.text) && words(s.text) >= 4)
    .map((s) => ({ value: s.text, excerpt: s.text }));
}

function quotability(s: Sentence): number {
  const result = isOutcome(s);
  const evaluative = Math.min(3, s.text.match(EVALUATIVE)?.length ?? 0);
  return (FIRST_PERSON.test(s.text) || result ? 2 : 0) + (result ? 1 : 0) + evaluative - (CRITICAL.test(s.text) ? 1 : 0);
}

/** "He was proud of this", "Julien said their agents…": someone reporting what was said, not the words. */
const REPORTED = /\b(?:he|she|his|her|him)\b/i;

function spokenQuotes(doc: Doc): Found[] {
  const candidates = doc.sentences
    .filter((s) => s.role === 'customer' && !s.text.endsWith('?') && !/["“”„«»]/.test(s.text) && !REPORTED.test(s.text))
    .filter((s) => words(s.text) >= 6 && words(s.text) <= 40 && !mentionsActivity(s.text))
    .map((s) => ({ s, score: quotability(s) }))
    .filter((c) => c.score >= 3);
  // Best first (stable, so earlier wins ties), then back into the order they were said.
  const chosen = [...candidates].sort((a, b) => b.score - a.score).slice(0, MAX_SPOKEN);
  return candidates.filter((c) => chosen.includes(c)).map(({ s }) => ({ value: s.text, excerpt: s.text }));
}

/**
 * Spoken quotes need a recorded speaker: "Jane Doe:" or "Speaker 2:". "A:" in Q&A-style notes is the note
 * taker's summary of the answer, not the customer's words.
 */
function hasRecordedSpeaker(doc: Doc): boolean {
  return doc.customer !== undefined && doc.customer.length > 1;
}

export function findQuotes(doc: Doc): Found[] {
  const all = [...quotedText(doc), ...quotesSection(doc), ...(hasRecordedSpeaker(doc) ? spokenQuotes(doc) : [])];
  const seen = new Set<string>();
  return all
    .filter((q) => {
      if (seen.has(q.value) || !doc.text.includes(q.value)) return false;
      seen.add(q.value);
      return true;
    })
    .slice(0, MAX_QUOTES);
}
