/**
 * Reads interview text into what every extractor needs: sentences with offsets, who said them (in
 * transcripts), which section of the notes they sit in, the header block, and which paragraphs look like
 * instructions to a model (prompt injection), which are then ignored as a source of facts.
 */
import { INSTRUCTION_TO_MODEL } from '../../domain/instructions.js';
import { splitSpeakerLabel } from '../../domain/transcript.js';
import { headerValues, parseParticipants, readHeader } from './header.js';
import type { HeaderField, TextLine } from './header.js';

export type Role = 'customer' | 'interviewer' | 'other' | 'narrative';

export interface Sentence {
  start: number;
  end: number;
  text: string;
  role: Role;
  speaker?: string;
  /** Lower-cased heading of the enclosing section ("results", "how they use it"), or ''. */
  section: string;
  bullet: boolean;
  heading: boolean;
  /** Index of the transcript turn / paragraph unit, to relate a sentence to the turn before it. */
  unit: number;
}

export interface Doc {
  text: string;
  sentences: Sentence[];
  header: HeaderField[];
  /** Speaker labels of interviewers (transcripts) and interviewer names from the header. */
  interviewers: string[];
  customer?: string;
  /** The vendor's brand (first word shared by the catalogue), e.g. "Lumen"; never the customer's company. */
  vendor?: string;
}

const INTERVIEWER_LABEL = /\b(?:interviewer|host|moderator|facilitator)\b|^(?:q|me)$/i;
const HEADING = /^\s*(?:#{1,6}\s+(.+?)|\*\*([^*]+?)\*\*|([\p{L}][\p{L} ()'&/-]{0,40}):)\s*$/u;
const BULLET = /^\s*(?:[-*•·]|\d{1,2}[.)])\s+/;
const ABBREVIATIONS = new Set(['dr', 'mr', 'mrs', 'ms', 'mx', 'prof', 'st', 'inc', 'ltd', 'co', 'corp', 'vs', 'etc', 'e.g', 'i.e', 'approx', 'no', 'jr', 'sr', 'u.s', 'u.k', 'a.m', 'p.m', 'dept', 'est', 'ca']);

interface Unit {
  start: number;
  end: number;
  role: Role;
  speaker?: string;
  section: string;
  bullet: boolean;
  heading: boolean;
}

function rawLines(text: string): { start: number; text: string; paragraph: number }[] {
  const lines: { start: number; text: string; paragraph: number }[] = [];
  let paragraph = 0;
  let start = 0;
  for (const line of text.split('\n')) {
    if (line.trim() === '') paragraph++;
    else lines.push({ start, text: line, paragraph });
    start += line.length + 1;
  }
  return lines;
}

/** Labels that start two or more lines are speakers; a one-off "Company: …" is a header line. */
function findSpeakers(lines: TextLine[]): Set<string> {
  const counts = new Map<string, number>();
  for (const line of lines) {
    const { speaker } = splitSpeakerLabel(line.text);
    if (speaker) counts.set(speaker, (counts.get(speaker) ?? 0) + 1);
  }
  return new Set([...counts].filter(([, n]) => n >= 2).map(([label]) => label));
}

/** "Interviewer", "Sam Carter (Lumen)", or a name the header gives for the interviewer ("Sam" ~ "Sam Carter"). */
function isInterviewerLabel(label: string, names: string[], vendor?: string): boolean {
  const lower = label.toLowerCase();
  if (INTERVIEWER_LABEL.test(label)) return true;
  if (vendor && lower.includes(`(${vendor.toLowerCase()}`)) return true;
  return names.some((n) => {
    const name = n.toLowerCase();
    return lower === name || lower.startsWith(`${name} `) || name.startsWith(`${lower} `);
  });
}

/** Interviewer names from the header ("Interviewer: Sam", participants from the vendor). */
function headerInterviewers(header: HeaderField[], vendor?: string): string[] {
  const named = headerValues(header, 'interviewer').map((f) => f.value.replace(/\s*\(.*\)$|[.,;]+$/g, '').trim());
  const fromVendor = headerValues(header, 'participants').flatMap((f) =>
    parseParticipants(f.value).filter((p) => vendor && p.org?.toLowerCase().startsWith(vendor.toLowerCase())).map((p) => p.name),
  );
  return [...named, ...fromVendor].filter((n) => n.length > 1);
}

function sentenceEnds(text: string): number[] {
  const ends: number[] = [];
  for (const m of text.matchAll(/[.!?]+["”’)\]]*(?=\s+["“‘(\[]?[\p{Lu}\p{N}])/gu)) {
    // "Dr. Vogel", "e.g. Klinikum", "J. Smith" do not end a sentence.
    const before = /([\p{L}.]+)\.+$/u.exec(text.slice(Math.max(0, m.index - 12), m.index + 1))?.[1];
    const abbreviation = before !== undefined && (ABBREVIATIONS.has(before.toLowerCase().replace(/\.$/, '')) || /^\p{Lu}$/u.test(before));
    if (m[0].startsWith('.') && abbreviation) continue;
    ends.push(m.index + m[0].length);
  }
  return ends;
}

function splitUnit(text: string, unit: Unit, index: number): Sentence[] {
  const sentences: Sentence[] = [];
  let from = unit.start;
  for (const end of [...sentenceEnds(text.slice(unit.start, unit.end)).map((e) => unit.start + e), unit.end]) {
    const slice = text.slice(from, end);
    const lead = slice.length - slice.trimStart().length;
    const body = slice.trim();
    if (body) {
      const start = from + lead;
      sentences.push({ ...unit, start, end: start + body.length, text: body, unit: index });
    }
    from = end;
  }
  return sentences;
}

export function readDocument(text: string, vendor?: string): Doc {
  const lines = rawLines(text);
  const untrusted = new Set(lines.filter((l) => INSTRUCTION_TO_MODEL.test(l.text)).map((l) => l.paragraph));
  const trusted = lines.filter((l) => !untrusted.has(l.paragraph));
  const speakers = findSpeakers(trusted);
  const header = readHeader(trusted.filter((l) => !speakers.has(splitSpeakerLabel(l.text).speaker ?? '')));
  const interviewerNames = headerInterviewers(header, vendor);

  const stats = new Map<string, { words: number; questions: number; turns: number }>();
  const units: Unit[] = [];
  let section = '';
  let lastParagraph = -1;
  for (const line of trusted) {
    const { speaker, rest } = splitSpeakerLabel(line.text);
    const isSpeaker = speaker !== undefined && speakers.has(speaker);
    const heading = !isSpeaker && !BULLET.test(line.text) ? HEADING.exec(line.text) : null;
    if (heading) section = (heading[1] ?? heading[2] ?? heading[3]).toLowerCase().replace(/[*#:]/g, '').trim();
    const contentStart = isSpeaker ? line.start + line.text.lastIndexOf(rest) : line.start;
    const bullet = BULLET.exec(text.slice(contentStart, line.start + line.text.length));
    const start = contentStart + (bullet ? bullet[0].length : 0);
    const end = line.start + line.text.length;
    const previous = units.at(-1);
    // A hard-wrapped line ("…cross-dock\nwarehouses in Rotterdam") continues the sentence above it.
    if (previous && !isSpeaker && !bullet && !heading && line.paragraph === lastParagraph && /^\s*\p{Ll}/u.test(line.text) && !previous.heading) {
      previous.end = end;
    } else {
      units.push({ start, end, role: isSpeaker ? 'other' : 'narrative', speaker: isSpeaker ? speaker : undefined, section, bullet: !!bullet, heading: !!heading });
    }
    lastParagraph = line.paragraph;
    if (isSpeaker) {
      const s = stats.get(speaker) ?? { words: 0, questions: 0, turns: 0 };
      s.words += rest.split(/\s+/).length;
      s.questions += (rest.match(/\?/g) ?? []).length;
      s.turns++;
      stats.set(speaker, s);
    }
  }

  const labels = [...stats.keys()];
  let interviewers = labels.filter((l) => isInterviewerLabel(l, interviewerNames, vendor));
  if (interviewers.length === 0 && labels.length > 1) {
    // Nobody is labelled as the interviewer: it is whoever asks the most questions per turn.
    const ratio = (l: string) => stats.get(l)!.questions / stats.get(l)!.turns;
    interviewers = [labels.reduce((a, b) => (ratio(b) > ratio(a) ? b : a))];
  }
  const others = labels.filter((l) => !interviewers.includes(l));
  const customer = others.length ? others.reduce((a, b) => (stats.get(b)!.words > stats.get(a)!.words ? b : a)) : undefined;
  for (const unit of units) {
    if (unit.speaker) unit.role = unit.speaker === customer ? 'customer' : interviewers.includes(unit.speaker) ? 'interviewer' : 'other';
  }
  return {
    text,
    sentences: units.flatMap((unit, i) => splitUnit(text, unit, i)),
    header,
    interviewers: [...interviewers, ...interviewerNames],
    customer,
    vendor,
  };
}

/** Sentences that can carry facts about the customer: not the interviewer's, not headings, not questions. */
export function customerSentences(doc: Doc): Sentence[] {
  return doc.sentences.filter((s) => (s.role === 'customer' || s.role === 'narrative') && !s.heading && !s.text.trimEnd().endsWith('?'));
}

/** A value an extractor proposes, with the sentence it came from (becomes the draft's excerpt). */
export interface Found {
  value: string;
  excerpt: string;
}

/** First occurrence wins; later values equal to it (case-insensitively) are dropped. */
export function dedupe(found: Found[]): Found[] {
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = f.value.toLowerCase();
    if (!f.value || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
