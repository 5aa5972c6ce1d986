import { describe, expect, it } from 'vitest';
import { normaliseNotes } from '../../server/domain/transcript.js';
import { loadInterviewFixtures } from '../fixtures/interviews/index.js';

const words = (s: string) => s.match(/[\p{L}\p{N}]+/gu) ?? [];

/** Every word of `source`, in order, somewhere in `target` (other words may sit in between). */
function keepsWordsInOrder(source: string, target: string): boolean {
  const out = words(target);
  let i = 0;
  for (const w of words(source)) {
    while (i < out.length && out[i] !== w) i++;
    if (i === out.length) return false;
    i++;
  }
  return true;
}

const TIMING = /\d{1,2}:\d{2}[.,]\d{3}|-->|^\s*[[(]?\d{1,2}:\d{2}/m;

describe('normaliseNotes: plain notes', () => {
  it('strips the BOM, converts CRLF/CR line endings and trailing spaces, and changes nothing else', () => {
    const raw = '\uFEFFCustomer: Jane Doe  \r\nRole: CIO\t\r\n\r\n- likes it\rmore   words  inside\n';
    expect(normaliseNotes(raw)).toEqual({
      kind: 'notes',
      text: 'Customer: Jane Doe\nRole: CIO\n\n- likes it\nmore   words  inside\n',
    });
  });

  it('keeps an agenda with bare times as notes', () => {
    const raw = 'Agenda\n09:00 Intro and goals\n09:30 Demo of the scheduler\n10:15 Next steps';
    expect(normaliseNotes(raw)).toEqual({ kind: 'notes', text: raw });
  });

  it('lets content decide: a .vtt file name without cues is still notes', () => {
    expect(normaliseNotes('Just notes about the call with Jane.', 'call.vtt').kind).toBe('notes');
  });
});

describe('normaliseNotes: WebVTT', () => {
  const vtt = [
    'WEBVTT - Interview with Jane',
    'Kind: captions',
    '',
    'STYLE',
    '::cue { color: lime }',
    '',
    'NOTE recorded on Zoom',
    '',
    'intro-1',
    '00:00:01.000 --> 00:00:04.000 align:start position:10%',
    '<v Sam Carter>Thanks for joining, Jane.</v>',
    '',
    '00:04.500 --> 00:08.000',
    '<v.customer Jane Doe>We cut no-shows by <b>40%</b>,',
    '',
    '3',
    '00:00:08.000 --> 00:00:11.000',
    '<v Jane Doe>and <c.yellow>honestly</c> the team <00:00:09.500>loves it &amp; so do I.',
  ].join('\n');

  it('drops header metadata, STYLE/NOTE blocks, cue ids, timings and tags; voices become speaker labels', () => {
    const { text, kind } = normaliseNotes(vtt, 'interview.vtt');
    expect(kind).toBe('transcript');
    expect(text).toBe(
      'Interview with Jane\n\nSam Carter: Thanks for joining, Jane.\n\nJane Doe: We cut no-shows by 40%, and honestly the team loves it & so do I.',
    );
    expect(text).not.toMatch(TIMING);
  });

  it('splits a cue that holds two voices', () => {
    const { text } = normaliseNotes('WEBVTT\n\n00:01.000 --> 00:03.000\n<v Sam>How long?\n<v Jane>Two years.');
    expect(text).toBe('Sam: How long?\n\nJane: Two years.');
  });
});

describe('normaliseNotes: SRT', () => {
  it('drops counters and timings and merges consecutive cues of one speaker', () => {
    const srt = '1\n00:00:01,000 --> 00:00:03,000\nSam: Hi Jane.\n\n2\n00:00:03,500 --> 00:00:06,000\nJane Doe: We went live\nin March,\n\n3\n00:00:06,000 --> 00:00:08,000\nJane Doe: <i>across</i> all sites.\n';
    expect(normaliseNotes(srt, 'call.srt')).toEqual({
      kind: 'transcript',
      text: 'Sam: Hi Jane.\n\nJane Doe: We went live in March, across all sites.',
    });
  });

  it('copes with cues written without blank lines between them', () => {
    const srt = '1\n00:00:01,000 --> 00:00:03,000\nFirst line.\n2\n00:00:03,000 --> 00:00:05,000\nSecond line.';
    expect(normaliseNotes(srt).text).toBe('First line. Second line.');
  });

  it('accepts a single cue when the file name says .srt', () => {
    expect(normaliseNotes('1\n00:00:01,000 --> 00:00:03,000\nOnly cue.', 'x.srt')).toEqual({ kind: 'transcript', text: 'Only cue.' });
  });
});

describe('normaliseNotes: plain-text transcripts', () => {
  it('handles [hh:mm:ss] stamps, wrapped lines, a preamble and a note after the transcript', () => {
    const raw = [
      'Call with Acme, 3 May',
      '',
      '[00:00:04] Sam Carter: Can you introduce yourself?',
      '[00:00:09] Jane Doe: Sure. I run operations',
      'at Acme Logistics.',
      '[00:00:15] Jane Doe: We have 900 people.',
      '',
      'Follow-up: send the deck.',
    ].join('\n');
    expect(normaliseNotes(raw)).toEqual({
      kind: 'transcript',
      text: 'Call with Acme, 3 May\n\nSam Carter: Can you introduce yourself?\n\nJane Doe: Sure. I run operations at Acme Logistics. We have 900 people.\n\nFollow-up: send the deck.',
    });
  });

  it('handles "00:12 Jane Doe:" and "(12:34)" stamps', () => {
    expect(normaliseNotes('00:12 Jane Doe: Hello there.\n00:15 Jane Doe: Still me.\n00:20 Sam: Thanks.').text).toBe(
      'Jane Doe: Hello there. Still me.\n\nSam: Thanks.',
    );
    expect(normaliseNotes('(12:34) Jane: One.\n(12:40) Sam: Two.').text).toBe('Jane: One.\n\nSam: Two.');
  });

  it('handles Otter-style "Name  0:03" turn headers', () => {
    const raw = 'Speaker 1  0:02\nThanks for joining.\n\nHana Ngata  0:05\nHappy to.\nIt went well.';
    expect(normaliseNotes(raw)).toEqual({ kind: 'transcript', text: 'Speaker 1: Thanks for joining.\n\nHana Ngata: Happy to. It went well.' });
  });
});

describe('normaliseNotes on the interview fixtures', () => {
  it.each(loadInterviewFixtures().map((f) => [f.file, f] as const))('%s: kind detected, timestamps gone, words kept', (_file, f) => {
    const { text, kind } = normaliseNotes(f.raw, f.file);
    expect(kind).toBe(f.expected.kind);
    if (kind === 'notes') return;
    expect(text).not.toMatch(TIMING);
    // What was said survives: strip timing lines, counters, stamps and the VTT blocks that are not speech,
    // and speaker labels on both sides (merged turns keep one label for several lines).
    const unlabel = (s: string) => s.replace(/^\s*[\p{Lu}][^:\n]{0,40}:\s/gmu, '');
    const spoken = f.raw
      .replace(/^(?:WEBVTT|Kind|Language|STYLE|::cue|NOTE|Recorded|speaker names).*$/gm, '')
      .replace(/^.*-->.*$|^\d+$/gm, '')
      .replace(/^\s*[[(]?(?:\d{1,2}:)?\d{1,2}:\d{2}[\])]?/gm, '')
      .replace(/^.*\s{2}(?:\d{1,2}:)?\d{1,2}:\d{2}$/gm, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&');
    expect(keepsWordsInOrder(unlabel(spoken), unlabel(text.replace(/\n\n/g, '\n')))).toBe(true);
  });
});
