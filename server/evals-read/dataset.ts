import { statSync } from 'node:fs';
import path from 'node:path';
import { loadProfileDataset, type ProfileCase } from '../../evals/dataset/profiles.js';

/**
 * Today's drafting dataset (notes, gold, forbidden facts) for a run: the file the run recorded, looked up
 * inside the evals folder only. A run made with `--dataset` elsewhere on the machine shows no notes.
 */
export type DatasetRead =
  | { ok: true; file: string; sha256: string; cases: Map<string, ProfileCase> }
  | { ok: false; message: string };

const inside = (dir: string, file: string) => {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
};

/** "evals/datasets/profiles.jsonl" (repo-relative, as run files record it) → a file inside `evalsDir`. */
export function datasetCandidates(evalsDir: string, recorded: string): string[] {
  if (!recorded.endsWith('.jsonl')) return [];
  const candidates = path.isAbsolute(recorded)
    ? [recorded]
    : [path.resolve(path.dirname(evalsDir), recorded), path.resolve(evalsDir, recorded.replace(/^evals[\\/]/, ''))];
  return [...new Set(candidates)].filter((f) => inside(evalsDir, f));
}

export class DatasetCache {
  private readonly cache = new Map<string, { key: string; read: DatasetRead }>();

  constructor(private readonly evalsDir: string) {}

  read(recorded: string): DatasetRead & { version: string } {
    const candidates = datasetCandidates(this.evalsDir, recorded);
    for (const file of candidates) {
      let key: string;
      try {
        const s = statSync(file);
        if (!s.isFile()) continue;
        key = `${file}:${s.size}:${s.mtimeMs}`;
      } catch {
        continue;
      }
      const hit = this.cache.get(file);
      if (hit?.key === key) return { ...hit.read, version: key };
      const read = load(file);
      this.cache.set(file, { key, read });
      return { ...read, version: key };
    }
    const message =
      candidates.length === 0
        ? `the dataset ${recorded} is outside the evals folder: notes and gold are not shown`
        : `the dataset ${recorded} is not in the evals folder any more: notes and gold are not shown`;
    return { ok: false, message, version: 'none' };
  }
}

function load(file: string): DatasetRead {
  try {
    const dataset = loadProfileDataset(file);
    return { ok: true, file, sha256: dataset.sha256, cases: new Map(dataset.cases.map((c) => [c.id, c])) };
  } catch (err) {
    // The loader's messages name file, line and problem (a usage error for the CLI); here they explain the gap.
    return { ok: false, message: `the dataset cannot be read today: ${(err as Error).message}` };
  }
}
