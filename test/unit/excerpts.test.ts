import { describe, expect, it } from 'vitest';
import { approvalSpans, evidenceExcerpts, excerptOf, maskContacts, MAX_EXCERPT_CHARS } from '../../server/domain/excerpts.js';
import { alignEvidence } from '../../server/domain/grounding.js';
import { emptyProfile } from '../../server/domain/profile.js';

const NOTES = [
  'Interview with Dana Ruiz, VP Operations at Northwind Health.',
  'Dana: We run three hospitals in Valencia. Off the record, the renewal is at risk.',
  'Interviewer: Which products?',
  'Dana: Mostly Vouch Flow. Write to dana.ruiz@northwind.example or call +34 961 555 0100.',
  'Size: 1,200 employees',
  '- Happy to do a reference call',
].join('\n');
const span = (text: string, needle: string) => {
  const start = NOTES.indexOf(needle);
  return { start, end: start + needle.length };
};

describe('excerptOf', () => {
  it('gives the sentence holding the span, not the line or the notes around it', () => {
    expect(excerptOf(NOTES, span(NOTES, 'hospitals'))).toBe('We run three hospitals in Valencia.');
  });
  it('drops a speaker label used for several turns but keeps a one-off field label, and list bullets', () => {
    expect(excerptOf(NOTES, span(NOTES, 'Mostly Vouch Flow'))).toBe('Mostly Vouch Flow.');
    expect(excerptOf(NOTES, span(NOTES, '1,200 employees'))).toBe('Size: 1,200 employees');
    expect(excerptOf(NOTES, span(NOTES, 'reference call'))).toBe('Happy to do a reference call');
  });
  it('masks email addresses and phone numbers, and keeps ordinary numbers', () => {
    expect(excerptOf(NOTES, span(NOTES, 'Write to'))).toBe('Write to [email] or call [phone].');
    expect(maskContacts('from 17% to 9% in 2019-2021, 1,200 staff on 12.03.2024')).toBe('from 17% to 9% in 2019-2021, 1,200 staff on 12.03.2024');
  });
  it('does not cut at "Dr." and clips a long sentence around the span with ellipses', () => {
    const text = `Dr. Koch said ${'we scheduled nurses across wards and '.repeat(12)}patient portal adoption reached 40 percent ${'in all clinics and '.repeat(10)}today.`;
    const s = { start: text.indexOf('patient portal'), end: text.indexOf('patient portal') + 'patient portal adoption'.length };
    const out = excerptOf(text, s);
    expect(out.startsWith('…') && out.endsWith('…')).toBe(true);
    expect(out).toContain('patient portal adoption');
    expect(out.length).toBeLessThanOrEqual(MAX_EXCERPT_CHARS + 2);
    expect(excerptOf('Dr. Koch runs the clinic. Next.', { start: 9, end: 13 })).toBe('Dr. Koch runs the clinic.');
  });
});

describe('approvalSpans + evidenceExcerpts', () => {
  const draftProfile = { ...emptyProfile(), name: 'Dana Ruiz', company: 'Northwind Health', industry: 'hospitals', products: ['Vouch Flow'], quotes: ['We run three hospitals in Valencia.'] };
  const draft = { profile: draftProfile, evidence: alignEvidence(NOTES, draftProfile) };

  it('uses the spans the reviewer saw for kept values, aligns edited ones, and leaves quotes and the name out', () => {
    const approved = { ...draftProfile, region: 'Valencia', products: ['Vouch Flow'] };
    const excerpts = evidenceExcerpts(NOTES, approvalSpans(NOTES, draft, approved));
    expect(excerpts.map((e) => e.field)).toEqual(['company', 'industry', 'region', 'products']);
    expect(excerpts.find((e) => e.field === 'region')?.text).toBe('We run three hospitals in Valencia.');
    expect(excerpts.find((e) => e.field === 'products')).toEqual({ field: 'products', index: 0, text: 'Mostly Vouch Flow.' });
  });
  it('never carries a sentence no approved fact points to', () => {
    const excerpts = evidenceExcerpts(NOTES, approvalSpans(NOTES, draft, draftProfile));
    expect(JSON.stringify(excerpts)).not.toContain('renewal is at risk');
    expect(JSON.stringify(excerpts)).not.toContain('northwind.example');
  });
  it('gives no excerpt for a fact the notes do not support', () => {
    const approved = { ...draftProfile, useCases: ['quantum payroll'] };
    expect(evidenceExcerpts(NOTES, approvalSpans(NOTES, draft, approved)).some((e) => e.field === 'useCases')).toBe(false);
  });
});
