import { describe, expect, it } from 'vitest';
import { alignEvidence, checkDraft, extractNumbers, failingChecks } from '../../server/domain/grounding.js';
import { emptyProfile } from '../../server/domain/profile.js';
import type { ProfileFields } from '../../server/domain/profile.js';
import type { EvidenceSpan } from '../../server/domain/evidence.js';

const NOTES = [
  'Interviewee: Dr. Katrin Vogel, Head of Patient Access',
  'Company: Klinikum Sankt Anna (mid-size hospital in Freiburg, Germany)',
  '',
  'We use it for patient scheduling across 14 clinics. No-shows fell from 11 % to 6.5% and we saved $1,200,000 a year.',
  'Hold times are three times shorter. Staff: 2,100.',
  'She said: “Our data protection officer was the toughest reviewer we have — and we passed.”',
  'Happy to take reference calls.',
].join('\n');

const profile = (fields: Partial<ProfileFields>): ProfileFields => ({ ...emptyProfile(), ...fields });
const textOf = (span: EvidenceSpan | undefined) => (span ? NOTES.slice(span.start, span.end) : undefined);
const spansFor = (spans: EvidenceSpan[], field: string, index?: number) => spans.filter((s) => s.field === field && s.index === index);

describe('alignEvidence', () => {
  it('points scalar fields at the value in the text, case-insensitively', () => {
    const spans = alignEvidence(NOTES, profile({ name: 'Katrin Vogel', company: 'klinikum sankt anna' }));
    expect(textOf(spansFor(spans, 'name')[0])).toBe('Katrin Vogel');
    expect(textOf(spansFor(spans, 'company')[0])).toBe('Klinikum Sankt Anna');
  });

  it('uses the excerpts when the value itself is not in the text (e.g. a canonical industry)', () => {
    const spans = alignEvidence(NOTES, profile({ industry: 'Healthcare' }), { industry: ['mid-size hospital in Freiburg'] });
    expect(textOf(spansFor(spans, 'industry')[0])).toBe('mid-size hospital in Freiburg');
  });

  it('aligns list items with their own excerpt, and activities with their label', () => {
    const spans = alignEvidence(
      NOTES,
      profile({ useCases: ['patient scheduling', 'appointment reminders'], activities: ['reference_call'] }),
      { useCases: ['We use it for patient scheduling across 14 clinics.', 'not in the notes at all'] },
    );
    expect(textOf(spansFor(spans, 'useCases', 0)[0])).toBe('patient scheduling');
    expect(spansFor(spans, 'useCases', 1)).toEqual([]);
    expect(textOf(spansFor(spans, 'activities', 0)[0])).toBe('reference calls');
  });

  it('falls back to a fuzzy match of the value for non-quote fields', () => {
    const spans = alignEvidence(NOTES, profile({ title: 'Head of Patient Acess' }));
    expect(textOf(spansFor(spans, 'title')[0])).toBe('Head of Patient Access');
  });

  it('accepts typographic variants of a quote but never a fuzzy one', () => {
    const spans = alignEvidence(
      NOTES,
      profile({
        quotes: [
          '"Our data protection officer was the toughest reviewer we have - and we passed."',
          'Our data protection officer was the toughest reviewer we had - and we passed.',
        ],
      }),
    );
    expect(textOf(spansFor(spans, 'quotes', 0)[0])).toBe('Our data protection officer was the toughest reviewer we have — and we passed.');
    expect(spansFor(spans, 'quotes', 1)).toEqual([]);
  });
});

describe('extractNumbers', () => {
  it('normalises units, separators, multipliers and currencies', () => {
    const simple = (text: string) => extractNumbers(text, { words: true }).map(({ value, kind, currency }) => ({ value, kind, currency }));
    expect(simple('40 %, 40 percent, 1,200, $1.2M, €40k, 3x, three times, 6,5 %, 15 mm')).toEqual([
      { value: 40, kind: '%', currency: undefined },
      { value: 40, kind: '%', currency: undefined },
      { value: 1200, kind: '', currency: undefined },
      { value: 1_200_000, kind: '', currency: '$' },
      { value: 40_000, kind: '', currency: '€' },
      { value: 3, kind: 'x', currency: undefined },
      { value: 3, kind: 'x', currency: undefined },
      { value: 6.5, kind: '%', currency: undefined },
      { value: 15, kind: '', currency: undefined },
    ]);
  });

  it('ignores numbers inside words and spelled-out numbers unless asked', () => {
    expect(extractNumbers('Q3 go-live with someone; three sites').map((n) => n.raw)).toEqual([]);
  });
});

describe('checkDraft', () => {
  const checks = (fields: Partial<ProfileFields>) => {
    const p = profile(fields);
    return checkDraft(NOTES, p, alignEvidence(NOTES, p));
  };

  it('passes a real quote, including its typographic variants, and fails a fabricated one', () => {
    const result = checks({
      quotes: [
        'Our data protection officer was the toughest reviewer we have -- and we passed.'.replace('--', '—'),
        '“Our data protection officer was the toughest reviewer we have - and we passed.”',
        'Our data protection officer loved every minute of it.',
      ],
    }).filter((c) => c.kind === 'quote');
    expect(result.map((c) => [c.index, c.status, c.message])).toEqual([
      [0, 'pass', 'found in notes'],
      [1, 'pass', 'found in notes'],
      [2, 'fail', 'not in notes'],
    ]);
  });

  it('checks every number of an outcome against the notes after normalising it', () => {
    // Chosen behaviour: "40 percent", "40 %" and "40%" are the same number; "1,200" equals "1200"; a
    // spelled-out "three times" backs "3x"; a bare number in a claim accepts any unit in the notes.
    const result = checks({
      outcomes: [
        'No-shows fell from 11% to 6.5 percent',
        'Saved $1.2M a year',
        'Hold times 3x shorter with 2100 staff',
        'Saved $1.5M a year and 20%',
        'Saved €1.2M a year',
        'Shorter hold times',
      ],
    }).filter((c) => c.kind === 'number');
    expect(result.map((c) => [c.index, c.status, c.message])).toEqual([
      [0, 'pass', 'numbers found in notes'],
      [1, 'pass', 'numbers found in notes'],
      [2, 'pass', 'numbers found in notes'],
      [3, 'fail', '"$1.5M", "20%" not in notes'],
      [4, 'fail', '"€1.2M" not in notes'],
    ]);
  });

  it('warns when the name or company cannot be found', () => {
    const result = checks({ name: 'Katrin Vogel', company: 'Globex Corporation' }).filter((c) => c.kind === 'entity');
    expect(result.map((c) => [c.field, c.status])).toEqual([
      ['name', 'pass'],
      ['company', 'warn'],
    ]);
  });

  it('warns about fields and items without supporting text, and ignores spans outside the text', () => {
    const p = profile({ region: 'Germany', products: ['Lumen Scheduler'] });
    const bogus: EvidenceSpan[] = [{ field: 'products', index: 0, start: 5_000, end: 5_010 }];
    const result = checkDraft(NOTES, p, [...alignEvidence(NOTES, p), ...bogus]).filter((c) => c.kind === 'support');
    expect(result).toEqual([{ kind: 'support', field: 'products', index: 0, status: 'warn', message: 'no supporting text found' }]);
  });

  it('failingChecks keeps only failures', () => {
    const result = checks({ quotes: ['Invented words here'], name: 'Nobody Known' });
    expect(result.some((c) => c.status === 'warn')).toBe(true);
    expect(failingChecks(result)).toEqual([{ kind: 'quote', field: 'quotes', index: 0, status: 'fail', message: 'not in notes' }]);
  });
});
