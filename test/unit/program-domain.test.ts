import { describe, expect, it } from 'vitest';
import {
  coverageOf,
  demandGaps,
  demandOutcome,
  demandSegment,
  fitsSegment,
  normaliseSegment,
  segmentKey,
  TargetBody,
  type Target,
} from '../../server/domain/coverage.js';
import { daysSince, freshnessOf, isStale, latestVerification } from '../../server/domain/freshness.js';
import {
  canTransitionNomination,
  CreateNominationBody,
  duplicateCandidates,
  indexKeys,
  mayViewNomination,
  nominationActions,
  nomineeKey,
} from '../../server/domain/nomination.js';
import { advocateKey } from '../../server/domain/advocate.js';
import { buildReport, csvCell, dealsOf, defaultRange, quarterOf, quartersBetween, reportCsv, type Engagement } from '../../server/domain/value.js';

const manager = { id: 'm', role: 'manager' as const };
const rep = { id: 'r', role: 'rep' as const };

describe('nominations', () => {
  it('moves open → accepted | declined | duplicate, accepted → declined | duplicate, and no further', () => {
    expect(canTransitionNomination('open', 'accepted')).toBe(true);
    expect(canTransitionNomination('accepted', 'declined')).toBe(true);
    expect(canTransitionNomination('accepted', 'accepted')).toBe(false);
    expect(canTransitionNomination('declined', 'accepted')).toBe(false);
    expect(canTransitionNomination('duplicate', 'open')).toBe(false);
    expect(nominationActions(manager, 'open')).toEqual(['accept', 'decline', 'duplicate']);
    expect(nominationActions(manager, 'declined')).toEqual([]);
    expect(nominationActions(rep, 'open')).toEqual([]);
  });

  it('lets the nominator and managers see a nomination, nobody else', () => {
    expect(mayViewNomination(rep, 'r')).toBe(true);
    expect(mayViewNomination(rep, 'someone else')).toBe(false);
    expect(mayViewNomination({ id: 'x', role: 'reviewer' }, 'r')).toBe(false);
    expect(mayViewNomination(manager, 'r')).toBe(true);
  });

  it('keys a nominee as an approval keys an advocate, and finds the same person first, then colleagues', () => {
    expect(nomineeKey({ name: ' Katrin  VOGEL', company: 'Klinikum Sankt Anna ' })).toBe(advocateKey({ name: 'Katrin Vogel', company: 'Klinikum Sankt Anna' }));
    const advocates = [
      { id: 'a1', key: 'jo bloggs|klinikum sankt anna' },
      { id: 'a2', key: 'katrin vogel|klinikum sankt anna' },
      { id: 'a3', key: 'katrin vogel|another clinic' },
    ];
    expect(duplicateCandidates({ name: 'Katrin Vogel', company: 'Klinikum Sankt Anna' }, indexKeys(advocates))).toEqual([
      { id: 'a2', match: 'same_person' },
      { id: 'a1', match: 'same_company' },
    ]);
    expect(duplicateCandidates({ name: 'New Person', company: 'Nowhere' }, indexKeys(advocates))).toEqual([]);
  });

  it('refuses control characters and keeps activities to the known ones', () => {
    const ok = { name: 'Dana Park', company: 'Northwind', reason: 'Great results and happy to talk.', relationship: 'Account executive' };
    expect(CreateNominationBody.safeParse(ok).success).toBe(true);
    expect(CreateNominationBody.safeParse({ ...ok, name: 'Dana\u0000Park' }).success).toBe(false);
    expect(CreateNominationBody.safeParse({ ...ok, activities: ['lunch'] }).success).toBe(false);
    expect(CreateNominationBody.parse(ok).activities).toEqual([]);
  });
});

describe('freshness', () => {
  const now = new Date('2026-12-04T12:00:00Z');
  it('takes the later of approval and verification', () => {
    const approval = { at: '2026-01-01T00:00:00Z', how: 'approval' as const, by: null, note: null };
    const verified = { at: '2026-06-01T00:00:00Z', how: 'verified' as const, by: null, note: 'call' };
    expect(latestVerification(approval, verified)).toBe(verified);
    expect(latestVerification({ ...approval, at: '2026-07-01T00:00:00Z' }, verified)?.how).toBe('approval');
    expect(latestVerification(null, null)).toBeNull();
  });

  it('is stale after more than N whole days, or when never verified', () => {
    expect(daysSince('2026-06-07T12:00:00Z', now)).toBe(180);
    expect(isStale('2026-06-07T12:00:00Z', now, 180)).toBe(false);
    expect(isStale('2026-06-06T11:00:00Z', now, 180)).toBe(true);
    expect(isStale(null, now, 180)).toBe(true);
    expect(daysSince('2026-12-05T00:00:00Z', now)).toBe(0);
  });

  it('gives who and the note only in the detailed view', () => {
    const e = { at: '2026-12-01T00:00:00Z', how: 'verified' as const, by: { id: 'm', name: 'Mia' }, note: 'Called her' };
    expect(freshnessOf(e, now, 180, true)).toMatchObject({ by: { name: 'Mia' }, note: 'Called her', daysSince: 3, stale: false });
    const plain = freshnessOf(e, now, 180, false);
    expect('by' in plain || 'note' in plain).toBe(false);
  });
});

describe('coverage and demand', () => {
  const hospital = { industry: 'Hospital', region: 'Freiburg, Germany', products: ['Lumen Scheduler'] };
  const bank = { industry: 'Banking', region: 'Halifax, Nova Scotia, Canada', products: ['Lumen Forms'] };

  it('normalises segments so spelling does not make two targets', () => {
    const a = normaliseSegment({ industry: 'hospitals', region: ' germany ' });
    expect(a).toEqual({ industry: 'Healthcare', region: 'Germany', product: '' });
    expect(segmentKey(a)).toBe(segmentKey(normaliseSegment({ industry: 'Healthcare', region: 'GERMANY' })));
    expect(TargetBody.safeParse({ product: 'Lumen Forms', wanted: 2 }).success).toBe(false);
  });

  it('fits a profile to a segment with the same comparisons matching uses', () => {
    expect(fitsSegment({ industry: 'Healthcare', region: 'Germany', products: [] }, hospital)).toBe(true);
    expect(fitsSegment({ industry: 'Healthcare', region: 'DACH', products: [] }, hospital)).toBe(true);
    expect(fitsSegment({ industry: 'Healthcare', region: 'France', products: [] }, hospital)).toBe(false);
    expect(fitsSegment({ industry: '', region: 'Canada', products: ['lumen forms'] }, bank)).toBe(true);
    expect(fitsSegment({ industry: '', region: 'Canada', products: ['Lumen Scheduler'] }, bank)).toBe(false);
  });

  it('counts have / want / gap per target, biggest gap first', () => {
    const t = (id: string, industry: string, region: string, wanted: number): Target => ({ id, industry, region, product: '', wanted, updatedBy: { id: 'm', name: 'Mia' }, updatedAt: '' });
    const advocates = [
      { ...hospital, id: 'h', name: 'Katrin', company: 'Klinikum', available: true },
      { ...bank, id: 'b', name: 'Priya', company: 'Harbourline', available: false },
    ];
    const c = coverageOf([t('1', 'Healthcare', 'Germany', 1), t('2', 'Financial services', '', 4)], advocates);
    expect(c.map((x) => [x.id, x.have, x.availableNow, x.gap])).toEqual([
      ['2', 1, 0, 3],
      ['1', 1, 1, 0],
    ]);
    expect(c[1].sample).toEqual([{ id: 'h', name: 'Katrin', company: 'Klinikum' }]);
  });

  it('keeps only the segment of a search, with the region as a country where one is named', () => {
    expect(demandSegment({ products: [], industry: 'Healthcare', region: 'Bavaria', persona: 'CIO', useCase: 'scheduling' })).toEqual({
      industry: 'Healthcare',
      region: 'Germany',
      products: [],
    });
    expect(demandSegment({ products: ['Lumen Forms', 'lumen forms'], useCase: 'faster loans' })).toEqual({ industry: '', region: '', products: ['lumen forms'] });
    expect(demandSegment({ products: [], persona: 'CFO' })).toBeUndefined();
    expect(demandOutcome(0)).toEqual({ noFit: 1, fewFit: 0 });
    expect(demandOutcome(2)).toEqual({ noFit: 0, fewFit: 1 });
    expect(demandOutcome(3)).toEqual({ noFit: 0, fewFit: 0 });
  });

  it('sums demand per segment over days and lists the short-coming ones', () => {
    const row = (day: number, region: string, searches: number, noFit: number, fewFit: number) => ({ industry: 'Healthcare', region, products: [], searches, noFit, fewFit, day });
    const gaps = demandGaps([row(1, 'Brazil', 3, 3, 0), row(2, 'Brazil', 2, 1, 1), row(1, 'Germany', 9, 0, 0), row(1, 'Spain', 1, 0, 1)], [
      { industry: '', region: 'Spain', product: '' },
    ]);
    expect(gaps.map((g) => [g.label, g.searches, g.noFit, g.fewFit, g.targeted])).toEqual([
      ['Healthcare · Brazil', 5, 4, 1, false],
      ['Healthcare · Spain', 1, 0, 1, true],
    ]);
  });
});

describe('value report', () => {
  const e = (id: string, advocate: string, prospect: string, happenedAt: string, result: 'won' | 'lost' | 'open', amount: number | null, currency = 'EUR'): Engagement => ({
    requestId: id,
    advocate: { id: advocate, name: advocate.toUpperCase(), company: `${advocate} Co` },
    kind: 'reference_call',
    prospectCompany: prospect,
    requestedBy: { id: 'r', name: 'Sam' },
    happenedAt,
    outcome: { result, amount, currency },
  });

  it('names quarters and the default range of four quarters', () => {
    expect(quarterOf('2026-03-31T23:59:59Z')).toBe('2026-Q1');
    expect(quarterOf('2026-04-01T00:00:00Z')).toBe('2026-Q2');
    expect(defaultRange(new Date('2026-12-04T12:00:00Z'))).toEqual({ from: '2026-01-01', to: '2026-12-04' });
    expect(defaultRange(new Date('2026-02-01T12:00:00Z'))).toEqual({ from: '2025-04-01', to: '2026-02-01' });
    expect(quartersBetween('2025-11-15', '2026-02-10')).toEqual([
      { quarter: '2025-Q4', from: '2025-11-15', to: '2025-12-31' },
      { quarter: '2026-Q1', from: '2026-01-01', to: '2026-02-10' },
    ]);
  });

  it('counts one deal per prospect and currency, with its latest priced outcome, in its latest quarter', () => {
    const deals = dealsOf([
      e('1', 'a', 'Klinik Nord', '2026-03-20T00:00:00Z', 'open', 100),
      e('2', 'b', 'KLINIK  nord.', '2026-04-02T00:00:00Z', 'won', 150),
      e('3', 'b', 'Klinik Nord', '2026-05-01T00:00:00Z', 'won', null),
      e('4', 'a', 'Klinik Nord', '2026-05-01T00:00:00Z', 'lost', 10, 'USD'),
    ]);
    expect(deals).toHaveLength(2);
    const eur = deals.find((d) => d.currency === 'EUR')!;
    expect(eur).toMatchObject({ result: 'won', amount: 150, quarter: '2026-Q2' });
    expect(eur.engagements.map((x) => x.requestId)).toEqual(['1', '2', '3']);
  });

  it('never adds currencies, and ranks advocates by won deals', () => {
    const r = buildReport(
      [
        e('1', 'a', 'P1', '2026-01-10T00:00:00Z', 'won', 100),
        e('2', 'b', 'P1', '2026-01-11T00:00:00Z', 'won', 100),
        e('3', 'b', 'P2', '2026-02-10T00:00:00Z', 'won', 40, 'USD'),
        e('4', 'c', 'P3', '2026-04-10T00:00:00Z', 'lost', 70, 'USD'),
        e('5', 'c', 'P4', '2026-04-11T00:00:00Z', 'open', null),
      ],
      { from: '2026-01-01', to: '2026-06-30' },
    );
    expect(r).toMatchObject({ engagements: 5, advocatesEngaged: 3, deals: 4, outcomes: { won: 2, lost: 1, open: 1 }, unpricedDeals: 1 });
    expect(r.money).toEqual([
      { currency: 'USD', pipeline: 110, won: 40 },
      { currency: 'EUR', pipeline: 100, won: 100 },
    ]);
    expect(r.quarters.map((q) => [q.quarter, q.deals, q.dealsWon])).toEqual([
      ['2026-Q1', 2, 2],
      ['2026-Q2', 2, 0],
    ]);
    expect(r.topByWon.map((v) => [v.advocate.id, v.dealsWon])).toEqual([
      ['b', 2],
      ['a', 1],
    ]);
    expect(r.topByWon[0].won).toEqual([
      { currency: 'EUR', amount: 100 },
      { currency: 'USD', amount: 40 },
    ]);
    expect(r.caveats.some((c) => /without/.test(c))).toBe(true);
  });

  it('writes CSV a spreadsheet cannot turn into formulas', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-5')).toBe("'-5");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(null)).toBe('');
    const list = [e('1', 'a', '@SUM(A1)', '2026-01-10T00:00:00Z', 'won', 100)];
    const csv = reportCsv('engagements', buildReport(list, { from: '2026-01-01', to: '2026-03-31' }), list);
    expect(csv.split('\r\n')[1]).toContain(",'@SUM(A1),");
    expect(reportCsv('advocates', buildReport(list, { from: '2026-01-01', to: '2026-03-31' }), list).split('\r\n')[1]).toBe('A,a Co,1,1,EUR 100,2026-01-10');
  });
});
