import { z } from 'zod';
import { Outcome, OutcomeResult, PersonRef, REQUEST_KIND_LABELS, RequestKind } from './request.js';

/**
 * Value reported, from completed engagements only (a request that happened, with the outcome the rep or
 * manager recorded: won / lost / open, an amount, a currency). Pure: the service reads the engagements.
 *
 * What these numbers are: the pipeline advocates touched and the revenue of the deals they touched that
 * were won. What they are not: proof that a reference made a deal. Vouch only sees deals that had a
 * reference, so it cannot compare them with deals that had none; no win rate "with vs without" is given.
 *
 * Deals: several engagements for the same prospect company (same currency) in the range are one deal
 * (two advocates on one deal do not double its amount); its outcome and amount are those of its latest
 * engagement that recorded an amount (else its latest), and it counts in the quarter of its latest engagement.
 * Amounts in different currencies are never added up: every money figure is per currency.
 */
export const Money = z.object({ currency: z.string(), amount: z.number() });
export type Money = z.infer<typeof Money>;

export type Engagement = {
  requestId: string;
  advocate: { id: string; name: string; company: string };
  kind: RequestKind;
  prospectCompany: string;
  requestedBy: PersonRef;
  happenedAt: string;
  outcome: Outcome;
};

const isoDate = z.iso.date({ message: 'Use a date such as 2026-01-31' });
// GET /api/program/report?from=YYYY-MM-DD&to=YYYY-MM-DD (both inclusive; default: the last four quarters)
const fromNotAfterTo = (q: { from?: string; to?: string }) => !q.from || !q.to || q.from <= q.to;
const ORDER = { message: '“from” must not be after “to”', path: ['from'] };
export const ReportQuery = z.strictObject({ from: isoDate.optional(), to: isoDate.optional() }).refine(fromNotAfterTo, ORDER);
export type ReportQuery = z.infer<typeof ReportQuery>;
// GET /api/program/report.csv?from&to&table=engagements|quarters|advocates (default engagements)
export const ReportCsvQuery = z
  .strictObject({ from: isoDate.optional(), to: isoDate.optional(), table: z.enum(['engagements', 'quarters', 'advocates']).optional() })
  .refine(fromNotAfterTo, ORDER);

/** "2026-Q1" for a time (UTC). */
export function quarterOf(iso: string): string {
  const d = new Date(iso);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}
const quarterStart = (year: number, q: number) => new Date(Date.UTC(year, (q - 1) * 3, 1));
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** The default range: from the first day of the quarter three quarters before `now`'s, to `now`'s date. */
export function defaultRange(now: Date): { from: string; to: string } {
  const q = Math.floor(now.getUTCMonth() / 3);
  return { from: ymd(new Date(Date.UTC(now.getUTCFullYear(), q * 3 - 9, 1))), to: ymd(now) };
}

/** Every quarter that overlaps [from, to], in order (so a quarter without engagements shows as zero). */
export function quartersBetween(from: string, to: string): { quarter: string; from: string; to: string }[] {
  const out: { quarter: string; from: string; to: string }[] = [];
  const end = Date.parse(`${to}T00:00:00Z`);
  let d = new Date(`${from}T00:00:00Z`);
  let year = d.getUTCFullYear();
  let q = Math.floor(d.getUTCMonth() / 3) + 1;
  for (let guard = 0; guard < 200 && quarterStart(year, q).getTime() <= end; guard++) {
    const next = q === 4 ? quarterStart(year + 1, 1) : quarterStart(year, q + 1);
    const start = quarterStart(year, q);
    out.push({ quarter: `${year}-Q${q}`, from: ymd(start < d ? d : start), to: ymd(new Date(Math.min(next.getTime() - 86_400_000, end))) });
    [year, q] = q === 4 ? [year + 1, 1] : [year, q + 1];
    d = next;
  }
  return out;
}

/** The same prospect whatever the case, spacing and trailing punctuation of its name. */
export const prospectKey = (company: string): string =>
  company.normalize('NFKC').toLowerCase().replace(/[.,;:]+$/g, '').replace(/\s+/g, ' ').trim();

export type Deal = {
  key: string;
  prospectCompany: string;
  currency: string;
  result: OutcomeResult;
  amount: number | null;
  quarter: string;
  engagements: Engagement[];
};

/** Groups engagements into deals (see the module comment). */
export function dealsOf(engagements: readonly Engagement[]): Deal[] {
  const groups = new Map<string, Engagement[]>();
  for (const e of engagements) {
    const key = `${prospectKey(e.prospectCompany)}|${e.outcome.currency}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.entries()].map(([key, list]) => {
    const ordered = [...list].sort((a, b) => a.happenedAt.localeCompare(b.happenedAt) || a.requestId.localeCompare(b.requestId));
    const latest = ordered[ordered.length - 1];
    const priced = [...ordered].reverse().find((e) => e.outcome.amount !== null);
    const decisive = priced ?? latest;
    return {
      key,
      prospectCompany: latest.prospectCompany,
      currency: latest.outcome.currency,
      result: decisive.outcome.result,
      amount: priced?.outcome.amount ?? null,
      quarter: quarterOf(latest.happenedAt),
      engagements: ordered,
    };
  });
}

const QuarterMoney = z.object({ currency: z.string(), pipeline: z.number(), won: z.number() });
const AdvocateValue = z.object({
  advocate: z.object({ id: z.string(), name: z.string(), company: z.string() }),
  engagements: z.number().int(),
  /** Distinct deals won that this advocate took part in. */
  dealsWon: z.number().int(),
  /** The amounts of those deals, per currency (each deal's whole amount: several advocates may share one). */
  won: z.array(Money),
  lastEngagedAt: z.string(),
});
export type AdvocateValue = z.infer<typeof AdvocateValue>;

export const ValueReport = z.object({
  from: z.string(),
  to: z.string(),
  engagements: z.number().int(),
  advocatesEngaged: z.number().int(),
  deals: z.number().int(),
  outcomes: z.object({ won: z.number().int(), lost: z.number().int(), open: z.number().int() }),
  /** Deals without any amount recorded: the money figures leave them out, so they are a lower bound. */
  unpricedDeals: z.number().int(),
  /** Influenced pipeline (every deal's amount, any outcome) and won revenue, per currency. */
  money: z.array(QuarterMoney),
  quarters: z.array(
    z.object({
      quarter: z.string(),
      from: z.string(),
      to: z.string(),
      engagements: z.number().int(),
      deals: z.number().int(),
      dealsWon: z.number().int(),
      money: z.array(QuarterMoney),
    }),
  ),
  /** Every advocate with a completed engagement in the range, most engagements first. */
  advocates: z.array(AdvocateValue),
  /** Advocates by won deals (at most five; only those with a won deal). */
  topByWon: z.array(AdvocateValue),
  byKind: z.array(z.object({ kind: RequestKind, label: z.string(), engagements: z.number().int() })),
  /** What the numbers cannot say, in words, to be shown with them. */
  caveats: z.array(z.string()),
});
export type ValueReport = z.infer<typeof ValueReport>;

const sumBy = (deals: readonly Deal[], pick: (d: Deal) => boolean) => {
  const out = new Map<string, { pipeline: number; won: number }>();
  for (const d of deals) {
    if (d.amount === null || !pick(d)) continue;
    const m = out.get(d.currency) ?? { pipeline: 0, won: 0 };
    m.pipeline += d.amount;
    if (d.result === 'won') m.won += d.amount;
    out.set(d.currency, m);
  }
  return [...out.entries()].map(([currency, m]) => ({ currency, ...m })).sort((a, b) => b.pipeline - a.pipeline || a.currency.localeCompare(b.currency));
};

export const CAVEATS = [
  'Influenced pipeline is the amount of every deal an advocate took part in, whatever its outcome; it says the deal had a reference, not that the reference made it.',
  'There is no win rate with a reference against without: Vouch only sees deals that had one.',
  'Outcomes are as recorded when each engagement was completed; a deal won later shows as open until another engagement records it.',
];

/** The report for engagements already filtered to the range [from, to]. */
export function buildReport(engagements: readonly Engagement[], range: { from: string; to: string }): ValueReport {
  const deals = dealsOf(engagements);
  const count = (r: OutcomeResult) => deals.filter((d) => d.result === r).length;
  const perAdvocate = new Map<string, AdvocateValue>();
  for (const e of engagements) {
    const v = perAdvocate.get(e.advocate.id) ?? { advocate: e.advocate, engagements: 0, dealsWon: 0, won: [], lastEngagedAt: e.happenedAt };
    v.engagements++;
    if (e.happenedAt > v.lastEngagedAt) v.lastEngagedAt = e.happenedAt;
    perAdvocate.set(e.advocate.id, v);
  }
  for (const d of deals.filter((x) => x.result === 'won')) {
    for (const id of new Set(d.engagements.map((e) => e.advocate.id))) {
      const v = perAdvocate.get(id)!;
      v.dealsWon++;
      if (d.amount !== null) {
        const m = v.won.find((x) => x.currency === d.currency);
        if (m) m.amount += d.amount;
        else v.won.push({ currency: d.currency, amount: d.amount });
      }
    }
  }
  const advocates = [...perAdvocate.values()].sort(
    (a, b) => b.engagements - a.engagements || b.dealsWon - a.dealsWon || a.advocate.name.localeCompare(b.advocate.name),
  );
  const wonTotal = (v: AdvocateValue) => v.won.reduce((s, m) => s + m.amount, 0);
  const topByWon = advocates
    .filter((v) => v.dealsWon > 0)
    .sort((a, b) => b.dealsWon - a.dealsWon || wonTotal(b) - wonTotal(a) || a.advocate.name.localeCompare(b.advocate.name))
    .slice(0, 5);
  return {
    from: range.from,
    to: range.to,
    engagements: engagements.length,
    advocatesEngaged: perAdvocate.size,
    deals: deals.length,
    outcomes: { won: count('won'), lost: count('lost'), open: count('open') },
    unpricedDeals: deals.filter((d) => d.amount === null).length,
    money: sumBy(deals, () => true),
    quarters: quartersBetween(range.from, range.to).map((q) => {
      const inQ = deals.filter((d) => d.quarter === q.quarter);
      return {
        ...q,
        engagements: engagements.filter((e) => quarterOf(e.happenedAt) === q.quarter).length,
        deals: inQ.length,
        dealsWon: inQ.filter((d) => d.result === 'won').length,
        money: sumBy(inQ, () => true),
      };
    }),
    advocates,
    topByWon,
    byKind: RequestKind.options
      .map((kind) => ({ kind, label: REQUEST_KIND_LABELS[kind], engagements: engagements.filter((e) => e.kind === kind).length }))
      .filter((k) => k.engagements > 0),
    caveats: CAVEATS,
  };
}

// ── CSV ────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * One CSV cell: quoted when it holds a comma, quote or line break; a leading = + - @ (or tab/CR) gets a
 * ' in front, so a spreadsheet never runs a prospect's name as a formula.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
const csv = (rows: (string | number | null)[][]) => rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';

export type CsvTable = 'engagements' | 'quarters' | 'advocates';

/** The report as CSV: every engagement (default), the quarters, or the advocates. */
export function reportCsv(table: CsvTable, report: ValueReport, engagements: readonly Engagement[]): string {
  if (table === 'quarters') {
    const rows = report.quarters.flatMap((q) =>
      (q.money.length ? q.money : [{ currency: '', pipeline: 0, won: 0 }]).map((m) => [q.quarter, q.from, q.to, q.engagements, q.deals, q.dealsWon, m.currency, m.pipeline, m.won]),
    );
    return csv([['quarter', 'from', 'to', 'engagements', 'deals', 'deals_won', 'currency', 'influenced_pipeline', 'won_revenue'], ...rows]);
  }
  if (table === 'advocates') {
    const rows = report.advocates.map((v) => [
      v.advocate.name,
      v.advocate.company,
      v.engagements,
      v.dealsWon,
      v.won.map((m) => `${m.currency} ${m.amount}`).join('; '),
      v.lastEngagedAt.slice(0, 10),
    ]);
    return csv([['advocate', 'advocate_company', 'engagements', 'deals_won', 'won_revenue', 'last_engaged'], ...rows]);
  }
  const dealOf = new Map(dealsOf(engagements).flatMap((d) => d.engagements.map((e) => [e.requestId, d.key] as const)));
  const rows = [...engagements]
    .sort((a, b) => a.happenedAt.localeCompare(b.happenedAt))
    .map((e) => [
      e.happenedAt.slice(0, 10),
      quarterOf(e.happenedAt),
      e.advocate.name,
      e.advocate.company,
      REQUEST_KIND_LABELS[e.kind],
      e.prospectCompany,
      e.requestedBy.name,
      e.outcome.result,
      e.outcome.amount,
      e.outcome.currency,
      dealOf.get(e.requestId) ?? '',
      e.requestId,
    ]);
  return csv([
    ['date', 'quarter', 'advocate', 'advocate_company', 'kind', 'prospect_company', 'rep', 'outcome', 'amount', 'currency', 'deal', 'request_id'],
    ...rows,
  ]);
}
