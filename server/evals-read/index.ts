import { displayPath } from '../../evals/lib/paths.js';
import type { RunFile } from '../../evals/store/run-file.js';
import type { EvalRunDetail, EvalRunList, EvalRunSummary } from '../domain/api/evals.js';
import { notFound, unprocessable } from '../domain/errors.js';
import { caseRows } from './cases.js';
import { DatasetCache } from './dataset.js';
import { RunFileCache, idOfRecordedPath, listRunEntries, type RunEntry } from './files.js';
import { METRIC_INFO, storedGateRules, storedVerdict } from './stored.js';
import { matrixRows, newestFirst, summarise } from './summary.js';

/**
 * Read-only access to eval runs for the HTTP layer: `npm run eval` writes them, this only lists and
 * shapes them. Parsed files are cached by size + mtime, so listing a folder of runs stays cheap.
 */
export interface EvalsReader {
  list(): Promise<EvalRunList>;
  /** Throws not_found for an id that is not a listed file, unprocessable for a file that is not a run. */
  get(id: string): Promise<EvalRunDetail>;
}

export function createEvalsReader(evalsDir: string): EvalsReader {
  const runs = new RunFileCache();
  const datasets = new DatasetCache(evalsDir);
  const details = new Map<string, { key: string; detail: EvalRunDetail }>();

  async function scan() {
    const { entries, problems } = await listRunEntries(evalsDir);
    const files = new Set(entries.map((e) => e.file));
    runs.keepOnly(files);
    for (const file of details.keys()) if (!files.has(file)) details.delete(file);
    const ids = new Set(entries.map((e) => e.id));
    const baselineIdOf = (recorded: string) => {
      const id = idOfRecordedPath(recorded);
      return id && ids.has(id) ? id : null;
    };
    return { entries, problems, baselineIdOf };
  }

  async function detailOf(entry: RunEntry, run: RunFile, version: string, baselineIdOf: (r: string) => string | null, entries: RunEntry[]): Promise<EvalRunDetail> {
    const summary: EvalRunSummary = summarise(entry, run, baselineIdOf);
    const verdict = storedVerdict(run);
    const baselineEntry = summary.gate?.baselineId ? entries.find((e) => e.id === summary.gate!.baselineId) : undefined;
    const baseline = baselineEntry && baselineEntry.id !== entry.id ? await runs.read(baselineEntry.file) : null;
    const dataset = datasets.read(run.datasets.profiles.path);

    const key = [version, baseline?.version ?? '-', dataset.version].join('|');
    const hit = details.get(entry.file);
    if (hit?.key === key) return hit.detail;

    const datasetStatus = !dataset.ok
      ? { status: 'unavailable' as const, message: dataset.message }
      : dataset.sha256 === run.datasets.profiles.sha256
        ? { status: 'same' as const, message: null }
        : {
            status: 'changed' as const,
            message: `${displayPath(dataset.file)} changed since this run: gold is today's; cases whose notes changed are marked`,
          };
    const detail: EvalRunDetail = {
      ...summary,
      metrics: METRIC_INFO,
      gateRules: storedGateRules(run),
      matrix: matrixRows(run, verdict),
      matchingBaseline: verdict?.matching?.baseline ?? null,
      datasetStatus,
      cases: caseRows({
        run,
        verdict,
        baselineRun: baseline?.ok ? baseline.run : null,
        dataset: dataset.ok ? dataset.cases : new Map(),
      }),
    };
    details.set(entry.file, { key, detail });
    return detail;
  }

  return {
    async list() {
      const { entries, problems, baselineIdOf } = await scan();
      const items: EvalRunSummary[] = [];
      const unreadable: EvalRunList['problems'] = problems.map((message) => ({ file: displayPath(evalsDir), message }));
      for (const entry of entries) {
        const read = await runs.read(entry.file);
        if (read.ok) items.push(summarise(entry, read.run, baselineIdOf));
        else unreadable.push({ file: displayPath(entry.file), message: read.message });
      }
      return { dir: displayPath(evalsDir), metrics: METRIC_INFO, items: items.sort(newestFirst), problems: unreadable };
    },

    async get(id) {
      const { entries, baselineIdOf } = await scan();
      const entry = entries.find((e) => e.id === id);
      if (!entry) throw notFound('Eval run');
      const read = await runs.read(entry.file);
      if (!read.ok) throw unprocessable(`${displayPath(entry.file)} cannot be shown: ${read.message}`);
      return detailOf(entry, read.run, read.version, baselineIdOf, entries);
    },
  };
}
