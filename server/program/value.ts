import { buildReport, defaultRange, reportCsv, type CsvTable, type ValueReport } from '../domain/value.js';
import type { Stores } from '../store/index.js';

/** Value reported from completed engagements (server/domain/value.ts says what the numbers mean and do not). */
export function createValueService(deps: { stores: Stores; now: () => Date }) {
  const range = (q: { from?: string; to?: string }) => {
    const d = defaultRange(deps.now());
    const from = q.from ?? (q.to && q.to < d.from ? `${q.to.slice(0, 4)}-01-01` : d.from);
    return { from, to: q.to ?? (from > d.to ? from : d.to) };
  };
  return {
    async report(q: { from?: string; to?: string }): Promise<ValueReport> {
      const r = range(q);
      return buildReport(await deps.stores.portfolio.engagements(r.from, r.to), r);
    },
    async csv(q: { from?: string; to?: string; table?: CsvTable }): Promise<{ filename: string; body: string }> {
      const r = range(q);
      const engagements = await deps.stores.portfolio.engagements(r.from, r.to);
      const table = q.table ?? 'engagements';
      return { filename: `vouch-value-${table}-${r.from}-to-${r.to}.csv`, body: reportCsv(table, buildReport(engagements, r), engagements) };
    },
  };
}
export type ValueService = ReturnType<typeof createValueService>;
