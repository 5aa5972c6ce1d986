import { describe, expect, it } from 'vitest';
import { emptyProfile } from '../../server/domain/profile.js';
import { advocateDocument } from '../../server/match/document.js';
import { evidenceFor, explain, lexicalMatch, profileFacts, queryTerms, withIntentReasons } from '../../server/match/reasons.js';
import { ftsText } from '../../server/match/service.js';

const advocate = {
  ...emptyProfile(),
  id: 'a1',
  version: 1,
  status: 'active' as const,
  createdAt: '',
  updatedAt: '',
  name: 'Anna Weber',
  title: 'CIO',
  company: 'Klinikum Nord',
  industry: 'Healthcare',
  region: 'Germany',
  products: ['Scheduler'],
  useCases: ['patient scheduling across 3 sites'],
  activities: ['reference_call' as const],
};

describe('queryTerms', () => {
  it('keeps the content words of a prospect description, once each', () => {
    expect(queryTerms('A mid-size hospital in Germany, evaluating us for patient scheduling; the hospital…')).toEqual([
      'mid-size',
      'hospital',
      'germany',
      'patient',
      'scheduling',
    ]);
  });
});

describe('lexicalMatch', () => {
  it('matches inflections but not substrings of other words', () => {
    expect(lexicalMatch('hospitals', 'a hospital in Bremen')).toBe(true);
    expect(lexicalMatch('scheduling', 'patient schedule')).toBe(true);
    expect(lexicalMatch('bank', 'bankruptcy advisers')).toBe(false);
  });
});

describe('explain', () => {
  it('names the facts that matched by word, by category or by meaning, strongest first', () => {
    const terms = ['hospital', 'germany', 'booking'];
    const facts = profileFacts(advocate);
    const useCase = facts.findIndex((f) => f.field === 'useCases');
    // "booking" ~ "patient scheduling" by meaning (as an embedder would say); everything else unrelated.
    const sim = (ti: number, fi: number) => (ti === 2 && fi === useCase ? 0.8 : 0.1);
    const reasons = explain(terms, facts, sim, { threshold: 0.6, max: 6 });
    // An exact word (Germany) outranks a category read from a word (a hospital is Healthcare) at the same field weight.
    expect(reasons.map((r) => r.field)).toEqual(['region', 'industry', 'useCases']);
    expect(reasons[1]).toEqual({ field: 'industry', value: 'Healthcare', matched: ['hospital'] });
    expect(reasons[2]).toMatchObject({ field: 'useCases', matched: ['booking'] });
  });
  it('never explains an industry, region, title or size by closeness alone (cfo ~ CIO, austria ~ Germany)', () => {
    const facts = profileFacts({ ...advocate, industry: 'Financial services', companySize: 'Enterprise' });
    // The embedder finds everything close to everything: only a word or a category reading may count.
    const everything = () => 0.95;
    const reasons = explain(['cfo', 'austria', 'hospital', 'mid-size'], facts, everything, { threshold: 0.6, max: 6 });
    expect(reasons.filter((r) => ['industry', 'region', 'title', 'companySize', 'company'].includes(r.field))).toEqual([]);
    // The same fields do count when the category is the same: Bavaria is in Germany, a CIO is a Chief Information Officer.
    const cio = profileFacts({ ...advocate, title: 'Chief Information Officer' });
    const fields = explain(['bavaria', 'cio', 'clinic'], cio, () => 0, { threshold: 0.6, max: 6 }).map((r) => r.field);
    expect(fields.sort()).toEqual(['industry', 'region', 'title']);
  });
  it('does not explain a match with a language or an activity that is only close in meaning (germany ~ German)', () => {
    const facts = profileFacts({ ...advocate, languages: ['German'] });
    const language = facts.findIndex((f) => f.field === 'languages');
    const activity = facts.findIndex((f) => f.field === 'activities');
    const sim = (_ti: number, fi: number) => (fi === language || fi === activity ? 0.9 : 0);
    expect(explain(['germany', 'call'], facts, sim, { threshold: 0.6, max: 6 }).map((r) => r.field)).toEqual(['region', 'activities']);
  });
  it('gives no reasons when nothing relates', () => {
    expect(explain(['guitar'], profileFacts(advocate), () => 0, { threshold: 0.6, max: 6 })).toEqual([]);
  });
});

describe('withIntentReasons', () => {
  it('adds the intent fields the profile agrees with, first, and merges into a reason already there', () => {
    const byWords = [{ field: 'industry' as const, value: 'Healthcare', matched: ['hospital'] }];
    const intent = { industry: 'Healthcare', region: 'Germany', persona: 'CIO', language: 'German', products: ['scheduler'] };
    const profile = { ...advocate, languages: ['English', 'German'] };
    const reasons = withIntentReasons(byWords, intent, ['industry', 'region', 'persona', 'language', 'products'], profile, 6);
    expect(reasons).toEqual([
      { field: 'region', value: 'Germany', matched: ['Germany'] },
      { field: 'title', value: 'CIO', matched: ['CIO'] },
      { field: 'languages', value: 'German', matched: ['German'], index: 1 },
      { field: 'products', value: 'Scheduler', matched: ['scheduler'], index: 0 },
      { field: 'industry', value: 'Healthcare', matched: ['hospital', 'Healthcare'] },
    ]);
  });
});

describe('evidenceFor', () => {
  const excerpts = [
    { field: 'useCases' as const, index: 0, text: 'We schedule patients across three sites.' },
    { field: 'industry' as const, text: 'We run three hospitals.' },
  ];
  it('is the approved excerpt of the same fact, the quote itself for quotes, and nothing otherwise', () => {
    expect(evidenceFor({ field: 'useCases', value: 'x', index: 0 }, excerpts)).toEqual({ kind: 'excerpt', text: 'We schedule patients across three sites.' });
    expect(evidenceFor({ field: 'useCases', value: 'x', index: 1 }, excerpts)).toBeNull();
    expect(evidenceFor({ field: 'industry', value: 'Healthcare' }, excerpts)?.text).toBe('We run three hospitals.');
    expect(evidenceFor({ field: 'quotes', value: 'It just works.', index: 0 }, excerpts)).toEqual({ kind: 'verbatim', text: 'It just works.' });
  });
});

describe('search text', () => {
  it('puts the facts a prospect is described by into the indexed document', () => {
    const doc = advocateDocument(advocate);
    expect(doc).toContain('Industry: Healthcare');
    expect(doc).toContain('Region: Germany');
    expect(doc).toContain('Available for: Reference call');
  });
  it('strips full-text operators from a rep\'s words', () => {
    expect(ftsText('"unbalanced AND (quote OR')).toBe('unbalanced AND quote OR');
    expect(ftsText('***')).toBe('');
  });
});
