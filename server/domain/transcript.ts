import { own } from './lookup.js';

/**
 * Turns what a manager pasted or uploaded into the plain text that evidence offsets point into.
 *
 * Transcripts (WebVTT, SRT, and plain text with timestamps at line starts) lose their timing lines, cue
 * numbers, markup and NOTE/STYLE/REGION blocks; consecutive lines of one speaker become one paragraph
 * "Speaker: text". Notes keep their text: only the BOM, line endings and trailing spaces change.
 * Words are never dropped: anything that is not recognised as timing or markup is kept.
 *
 * Pure; no IO.
 */

export type NotesKind = 'notes' | 'transcript';

export interface NormalisedNotes {
  text: string;
  kind: NotesKind;
}

/** A speaker's paragraph, or lines kept as they were (a preamble, a note between turns). */
type Block = { type: 'turn'; speaker?: string; parts: string[] } | { type: 'lines'; lines: string[] };

const CUE_TIME = String.raw`(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}`;
const CUE_TIMING = new RegExp(String.raw`^\s*${CUE_TIME}\s*-->\s*${CUE_TIME}(?:\s.*)?$`);
const VTT_HEADER = /^WEBVTT(?:[ \t]|$)/;
const VTT_SKIPPED_BLOCK = /^(?:NOTE|STYLE|REGION)(?:\s|$)/;
const VTT_HEADER_META = /^[\w-]+\s*:/;
/** `[00:12:34]`, `(12:34)`, `00:12:34.5`, `0:03` at a line start, optionally followed by a dash or bar. */
const LINE_STAMP = /^\s*([[(]?)((?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?)[\])]?(?:\s*[-–—|])?(?:\s+|$)/;
/**
 * Otter/Zoom-style turn headers on a line of their own: "Jane Doe  0:03" (two spaces, as Otter writes it) or
 * "[Jane Doe] 00:10:02". One space is not enough: "Lunch 12:30" in notes is not a speaker.
 */
const SPEAKER_HEADER = /^\s*(?:\[([^\]\n]{1,60})\]\s+|([^\d\s:[][^:\n]{0,58}?)\s{2,})\(?((?:\d{1,2}:)?\d{1,2}:\d{2})\)?\s*$/;
const LABEL = /^([^:\n]{1,60}?)\s*:(?:\s+(.*))?$/;
const NAME_PARTICLES = new Set(['de', 'van', 'der', 'den', 'von', 'da', 'di', 'du', 'le', 'la', 'del', 'della', 'dos', 'das', 'bin', 'ibn', 'al', 'el', 'ten', 'ter', 'y', 'of']);
const VOICE_TAG = /<v(?:\.[\w.-]+)*\s+([^>]+)>/;
const CUE_MARKUP = /<\/?(?:v|c|i|b|u|ruby|rt|lang|font|span)(?:[.\s][^>]*)?>|<\d{1,2}:\d{2}(?::\d{2})?[.,]\d{3}>|\{\\[^}]*\}/gi;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };

export function normaliseNotes(raw: string, filename?: string): NormalisedNotes {
  const lines = raw
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+$/, ''));
  const hintsCues = /\.(vtt|srt)$/i.test(filename ?? '');
  if (looksLikeCues(lines, hintsCues)) return { text: render(parseCues(lines)), kind: 'transcript' };
  if (looksTimestamped(lines)) return { text: render(parseTimestamped(lines)), kind: 'transcript' };
  return { text: lines.join('\n'), kind: 'notes' };
}

/** Content decides; a .vtt/.srt name only lets a single cue count. */
function looksLikeCues(lines: string[], hintsCues: boolean): boolean {
  if (VTT_HEADER.test(lines.find((l) => l.trim() !== '') ?? '')) return true;
  const timings = lines.filter((l) => CUE_TIMING.test(l)).length;
  return timings >= 2 || (hintsCues && timings >= 1);
}

/**
 * Two "strong" timestamped lines make a transcript: bracketed or h:mm:ss stamps, or stamps followed by a
 * speaker label. Bare "09:00 Intro" agenda lines in notes are not enough on their own.
 */
function looksTimestamped(lines: string[]): boolean {
  let strong = 0;
  for (const line of lines) {
    const stamp = LINE_STAMP.exec(line);
    if (stamp) {
      const bracketed = stamp[1] !== '';
      const withHours = /^\d{1,2}:\d{2}:\d{2}/.test(stamp[2]);
      if (bracketed || withHours || splitSpeakerLabel(line.slice(stamp[0].length)).speaker) strong++;
    } else if (speakerHeader(line)) strong++;
    if (strong >= 2) return true;
  }
  return false;
}

/** A speaker label looks like a name: "Jane Doe", "Maarten de Vries", "Speaker 2", "Sam Carter (Lumen)", "Q". */
function isSpeakerName(label: string): boolean {
  const core = label.replace(/\s*\([^()]{1,40}\)$/, '').trim();
  const words = core.split(/\s+/);
  if (!core || words.length > 5 || !/^\p{Lu}/u.test(core)) return false;
  return words.every((w) => /^[\p{L}\p{M}\p{N}'’.&-]+$/u.test(w) && (/^[\p{Lu}\p{N}]/u.test(w) || NAME_PARTICLES.has(w)));
}

/** "Jane Doe: text" → { speaker: 'Jane Doe', rest: 'text' }; text without a name-like label → { rest }. */
export function splitSpeakerLabel(text: string): { speaker?: string; rest: string } {
  const m = LABEL.exec(text.trim());
  if (m && isSpeakerName(m[1])) return { speaker: m[1].trim(), rest: m[2] ?? '' };
  return { rest: text.trim() };
}

function speakerHeader(line: string): string | undefined {
  const m = SPEAKER_HEADER.exec(line);
  const label = (m?.[1] ?? m?.[2])?.trim();
  return label && isSpeakerName(label) ? label : undefined;
}

/** Adds a turn; a turn without a speaker continues the previous turn, the same speaker extends it. */
function addTurn(blocks: Block[], speaker: string | undefined, text: string): void {
  const last = blocks.at(-1);
  if (last?.type === 'turn' && (speaker === undefined || speaker === last.speaker)) {
    if (text) last.parts.push(text);
    return;
  }
  blocks.push({ type: 'turn', speaker, parts: text ? [text] : [] });
}

function addLine(blocks: Block[], line: string, startNewBlock: boolean): void {
  const last = blocks.at(-1);
  if (!startNewBlock && last?.type === 'lines') last.lines.push(line);
  else blocks.push({ type: 'lines', lines: [line] });
}

function decodeEntities(text: string): string {
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return own(ENTITIES, name.toLowerCase()) ?? whole;
  });
}

function parseCues(lines: string[]): Block[] {
  const blocks: Block[] = [];
  const groups: string[][] = [[]];
  for (const line of lines) {
    if (line.trim() === '') groups.push([]);
    else groups.at(-1)!.push(line);
  }
  let first = true;
  for (const group of groups.filter((g) => g.length > 0)) {
    if (first && VTT_HEADER.test(group[0])) {
      // Keep a title written after "WEBVTT"; drop header metadata such as "Kind: captions".
      const title = group[0].replace(/^WEBVTT[\s-]*/, '').trim();
      if (title) addLine(blocks, title, true);
      for (const extra of group.slice(1)) if (!VTT_HEADER_META.test(extra)) addLine(blocks, extra, false);
      first = false;
      continue;
    }
    first = false;
    if (VTT_SKIPPED_BLOCK.test(group[0])) continue;
    const timings = group.flatMap((line, i) => (CUE_TIMING.test(line) ? [i] : []));
    if (timings.length === 0) {
      group.forEach((line, i) => addLine(blocks, line, i === 0));
      continue;
    }
    timings.forEach((at, k) => {
      let end = k + 1 < timings.length ? timings[k + 1] : group.length;
      // In SRT files written without blank lines the next cue's counter sits just above its timing line.
      if (k + 1 < timings.length && /^\d+$/.test(group[end - 1].trim())) end--;
      addCuePayload(blocks, group.slice(at + 1, end));
    });
  }
  return blocks;
}

function addCuePayload(blocks: Block[], payload: string[]): void {
  for (const raw of payload) {
    const voice = VOICE_TAG.exec(raw);
    const text = decodeEntities(raw.replace(CUE_MARKUP, '')).trim();
    if (voice) addTurn(blocks, voice[1].trim(), text);
    else {
      const { speaker, rest } = splitSpeakerLabel(text);
      addTurn(blocks, speaker, rest);
    }
  }
}

function parseTimestamped(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let seenStamp = false;
  let afterBlank = false;
  let headerSpeaker: string | undefined;
  for (const line of lines) {
    if (line.trim() === '') {
      afterBlank = true;
      headerSpeaker = undefined;
      continue;
    }
    const header = speakerHeader(line);
    const stamp = header ? null : LINE_STAMP.exec(line);
    if (header) {
      seenStamp = true;
      headerSpeaker = header;
    } else if (stamp) {
      seenStamp = true;
      const { speaker, rest } = splitSpeakerLabel(line.slice(stamp[0].length));
      if (speaker === undefined && blocks.at(-1)?.type !== 'turn') blocks.push({ type: 'turn', parts: [] });
      addTurn(blocks, speaker, rest);
    } else if (headerSpeaker !== undefined) {
      addTurn(blocks, headerSpeaker, line.trim());
    } else if (seenStamp && !afterBlank && blocks.at(-1)?.type === 'turn') {
      addTurn(blocks, undefined, line.trim());
    } else {
      // Before the first stamp, or after a blank line: not attributable to a speaker, kept as written.
      addLine(blocks, line, afterBlank);
    }
    afterBlank = false;
  }
  return blocks;
}

function render(blocks: Block[]): string {
  return blocks
    .map((block) => {
      if (block.type === 'lines') return block.lines.join('\n');
      const text = block.parts.join(' ').replace(/\s+/g, ' ').trim();
      return block.speaker ? `${block.speaker}: ${text}`.trimEnd() : text;
    })
    .filter((paragraph) => paragraph !== '')
    .join('\n\n');
}
