import { describe, expect, it } from 'vitest';
import {
  extractIntent,
  Intent,
  intentMatches,
  passesPinned,
  personaMatches,
  regionMatches,
  sizeBucket,
  type IntentProfile,
} from '../../server/domain/intent.js';

describe('extractIntent (rules)', () => {
  const cases: [string, Partial<Intent>][] = [
    [
      'mid-size hospital in Germany, worried about data privacy, evaluating us for patient scheduling',
      { industry: 'Healthcare', region: 'Germany', companySize: 'mid-size', useCase: 'patient scheduling', products: [] },
    ],
    [
      'regional bank in Texas, their CIO wants to replace a legacy CRM',
      { industry: 'Financial services', region: 'Texas', persona: 'CIO', useCase: 'replace a legacy CRM' },
    ],
    [
      'German-speaking retailer with 300 stores, needs faster onboarding for seasonal staff',
      { industry: 'Retail', language: 'German', useCase: 'faster onboarding for seasonal staff' },
    ],
    [
      'fast-growing retailer in the US that needs faster onboarding',
      { industry: 'Retail', region: 'United States', useCase: 'faster onboarding' },
    ],
    [
      'CIO of a large insurance company in London looking to automate claims handling',
      { industry: 'Financial services', region: 'London', companySize: 'enterprise', persona: 'CIO', useCase: 'automate claims handling' },
    ],
    [
      'school district in Ohio, 2,000 employees, Head of IT is evaluating Lumen Scheduler for substitute teacher rostering',
      {
        industry: 'Education',
        region: 'Ohio',
        companySize: '2,000 employees',
        persona: 'Head of IT',
        products: ['Lumen Scheduler'],
        useCase: 'substitute teacher rostering',
      },
    ],
    [
      'small manufacturer in the Nordics, plant manager wants to cut downtime on press lines',
      { industry: 'Manufacturing', region: 'Nordics', companySize: 'small', persona: 'plant manager', useCase: 'cut downtime on press lines' },
    ],
    [
      'Logistics startup in Rotterdam, Dutch-speaking VP of Operations, use case: route planning',
      { industry: 'Logistics', region: 'Rotterdam', companySize: 'small', persona: 'VP of Operations', language: 'Dutch', useCase: 'route planning' },
    ],
    [
      'a telco in DACH evaluating us for field service scheduling, the call would be in French',
      { industry: 'Telecommunications', region: 'DACH', language: 'French', useCase: 'field service scheduling' },
    ],
    ['Our prospect is a university in Sydney interested in student onboarding', { industry: 'Education', region: 'Sydney', useCase: 'student onboarding' }],
  ];

  it.each(cases)('%s', (text, expected) => {
    const intent = extractIntent(text, { products: ['Lumen Scheduler'] });
    expect(Intent.parse(intent)).toEqual(intent);
    expect(intent).toMatchObject(expected);
  });

  it('does not mistake ordinary words for places, languages or roles', () => {
    const intent = extractIntent('a nice German bank evaluating us for it, they want us to help');
    // "nice" is not Nice, "us" is not the US; "German" alone is the bank's country, not a language.
    expect(intent.region).toBe('Germany');
    expect(intent.language).toBeUndefined();
    expect(intent.persona).toBeUndefined();
    expect(intent.industry).toBe('Financial services');
  });

  it('reads a demonym as the country, unless it names a language', () => {
    expect(extractIntent('Portuguese insurer struggling with reporting').region).toBe('Portugal');
    expect(extractIntent('dutch insurance company').region).toBe('Netherlands');
    expect(extractIntent('Latin American food producer').region).toBe('Latin America');
    const spoken = extractIntent('German-speaking finance chief at a bank; the call in French');
    expect(spoken).toMatchObject({ language: 'German' });
    expect(spoken.region).toBeUndefined();
    expect(extractIntent('polish the onboarding for a retailer').region).toBeUndefined();
  });

  it('returns an empty intent for text without any of it', () => {
    expect(extractIntent('hello there')).toEqual({ products: [] });
  });
});

describe('intent matching on approved profile fields', () => {
  const profile = (p: Partial<IntentProfile>): IntentProfile => ({
    industry: '',
    region: '',
    companySize: '',
    title: '',
    languages: [],
    products: [],
    ...p,
  });

  it('compares regions by country, and areas through the lexicon', () => {
    expect(regionMatches('Germany', 'Freiburg, Germany')).toBe(true);
    expect(regionMatches('Germany', 'Freiburg')).toBe(true);
    expect(regionMatches('Texas', 'Austin, TX')).toBe(true);
    expect(regionMatches('DACH', 'Vienna')).toBe(true);
    expect(regionMatches('Europe', 'Freiburg, Germany')).toBe(true);
    expect(regionMatches('Nordics', 'Stockholm, Sweden')).toBe(true);
    expect(regionMatches('Midwest', 'Columbus, Ohio')).toBe(true);
    expect(regionMatches('Germany', 'Australia')).toBe(false);
    expect(regionMatches('Canada', '')).toBe(false);
  });

  it('buckets company sizes and matches personas to titles', () => {
    expect(sizeBucket('1,200 employees')).toBe('mid-size');
    expect(sizeBucket('mid-market')).toBe('mid-size');
    expect(sizeBucket('about 40 staff')).toBe('small');
    expect(sizeBucket('12k employees')).toBe('enterprise');
    expect(personaMatches('CIO', 'Chief Information Officer')).toBe(true);
    expect(personaMatches('CIO', 'CIO, Klinikum Nord')).toBe(true);
    expect(personaMatches('CIO', 'Head of Nursing')).toBe(false);
  });

  it('lists the fields a profile agrees with, and applies pinned fields as hard filters only', () => {
    const intent = extractIntent('mid-size hospital in Germany, their CIO, German-speaking');
    const hospital = profile({ industry: 'Healthcare', region: 'Germany', companySize: '1,200 employees', title: 'Chief Information Officer', languages: ['German'] });
    const bank = profile({ industry: 'Banking', region: 'Toronto, Canada', languages: ['English', 'French'] });
    expect(intentMatches(intent, hospital).sort()).toEqual(['companySize', 'industry', 'language', 'persona', 'region']);
    expect(intentMatches(intent, bank)).toEqual([]);
    expect(passesPinned(intent, [], bank)).toBe(true);
    expect(passesPinned(intent, ['region'], bank)).toBe(false);
    expect(passesPinned(intent, ['region', 'language'], hospital)).toBe(true);
    expect(passesPinned({ products: [] }, ['region'], bank)).toBe(true); // pinned but empty: no filter
  });
});
