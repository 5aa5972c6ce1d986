import { describe, expect, it } from 'vitest';
import { PreparedText, findFuzzySpan, findSpan, normaliseForMatch } from '../../server/domain/textmatch.js';

const slice = (text: string, span: { start: number; end: number } | null) => (span ? text.slice(span.start, span.end) : null);

describe('normaliseForMatch', () => {
  it('folds quotes, dashes, ellipses and white space, and maps every character back to the original', () => {
    const original = '“It’s fast” — really…\u00A0 ok';
    const norm = normaliseForMatch(original);
    expect(norm.text).toBe(`"It's fast" - really... ok`);
    expect(norm.starts).toHaveLength(norm.text.length);
    // The three dots of the ellipsis all point at the one original character.
    const dots = norm.text.indexOf('...');
    expect(original.slice(norm.starts[dots], norm.ends[dots + 2])).toBe('…');
  });

  it('drops zero-width characters and folds case only when asked', () => {
    expect(normaliseForMatch('Pa\u200Btient').text).toBe('Patient');
    expect(normaliseForMatch('Pa\u200Btient', { caseInsensitive: true }).text).toBe('patient');
  });
});

describe('findSpan', () => {
  const notes = 'She said: “We cut no‑shows by 40 %—in a year.”\nThen she left…  for lunch.';

  it('finds exact text and returns its offsets', () => {
    expect(slice(notes, findSpan(notes, 'Then she left'))).toBe('Then she left');
  });

  it('finds typographic variants and returns offsets into the original text', () => {
    const span = findSpan(notes, '"We cut no-shows by 40 %-in a year."');
    expect(slice(notes, span)).toBe('“We cut no‑shows by 40 %—in a year.”');
    expect(slice(notes, findSpan(notes, 'she left... for lunch'))).toBe('she left…  for lunch');
  });

  it('matches across line breaks and repeated spaces', () => {
    expect(slice(notes, findSpan(notes, 'year.” Then'))).toBe('year.”\nThen');
  });

  it('treats composed and decomposed accents as the same text', () => {
    const text = 'Notes on Lucia Fernández (VP).';
    expect(slice(text, findSpan(text, 'Lucia Ferna\u0301ndez'))).toBe('Lucia Fernández');
  });

  it('is case-sensitive unless asked', () => {
    expect(findSpan(notes, 'then she left')).toBeNull();
    expect(slice(notes, findSpan(notes, 'then she left', { caseInsensitive: true }))).toBe('Then she left');
  });

  it('only matches whole words', () => {
    const text = 'Anna Becker met Ann at the bank.';
    expect(findSpan(text, 'Ann')).toEqual({ start: 16, end: 19 });
    expect(findSpan('Annabelle only', 'Ann')).toBeNull();
  });

  it('returns null for absent or empty needles', () => {
    expect(findSpan(notes, 'We cut no-shows by 50%')).toBeNull();
    expect(findSpan(notes, '   ')).toBeNull();
  });

  it('accepts a prepared text so many lookups normalise the haystack once', () => {
    const prepared = new PreparedText(notes);
    expect(findSpan(prepared, 'THEN', { caseInsensitive: true })).toEqual(findSpan(notes, 'THEN', { caseInsensitive: true }));
    expect(prepared.normalised({ caseInsensitive: true })).toBe(prepared.normalised({ caseInsensitive: true }));
  });
});

describe('findFuzzySpan', () => {
  const notes = 'Dr. Katrin Vogel is Head of Patient Access at Klinikum Sankt Anna. They use it for patient scheduling across 14 outpatient clinics.';

  it('finds a value with a typo or an inflection, returning original offsets', () => {
    expect(slice(notes, findFuzzySpan(notes, 'Head of Patient Acess'))).toBe('Head of Patient Access');
    expect(slice(notes, findFuzzySpan(notes, 'klinikum sankt anna'))).toBe('Klinikum Sankt Anna');
  });

  it('finds the best window even when the haystack has extra words', () => {
    expect(slice(notes, findFuzzySpan(notes, 'patient scheduling across outpatient clinic', 0.75))).toBe('patient scheduling across 14 outpatient clinics');
  });

  it('refuses matches below the similarity threshold', () => {
    expect(findFuzzySpan(notes, 'Director of Finance')).toBeNull();
    expect(findFuzzySpan(notes, 'patient scheduling across outpatient clinic')).toBeNull();
  });

  it('does not try to align whole paragraphs', () => {
    expect(findFuzzySpan(notes, Array.from({ length: 70 }, (_, i) => `word${i}`).join(' '), 0)).toBeNull();
  });

  it('stays fast on a 20 KB interview', () => {
    const big = `${'We talked about rotas, spreadsheets and the shop floor for a while. '.repeat(300)}${notes}`;
    const start = performance.now();
    const span = findFuzzySpan(big, 'Head of Patient Acess at Klinikum Sankt Ana');
    expect(performance.now() - start).toBeLessThan(200);
    expect(slice(big, span)).toBe('Head of Patient Access at Klinikum Sankt Anna');
  });
});
