import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../lib/errors.js';
import { displayPath } from '../lib/paths.js';
import type { RunFile } from './run-file.js';

/** "2025-06-01T09-30-12-345Z-ollama": sorts by time, safe in file names on every OS. */
export function newRunId(provider: string, now: Date = new Date()): string {
  return `${now.toISOString().replace(/[:.]/g, '-')}-${provider}`;
}

/** Writes `<dir>/<id>.json`; a clash (two runs in one millisecond) gets a suffix. Returns the path. */
export async function writeRunFile(dir: string, run: RunFile): Promise<string> {
  await mkdir(dir, { recursive: true });
  let file = path.join(dir, `${run.id}.json`);
  for (let n = 2; existsSync(file); n++) file = path.join(dir, `${run.id}-${n}.json`);
  await writeFile(file, `${JSON.stringify(run, null, 1)}\n`);
  return file;
}

function targetLabels(file: string): string[] {
  try {
    const run = JSON.parse(readFileSync(file, 'utf8')) as { targets?: { label?: unknown }[] };
    return (run.targets ?? []).map((t) => String(t.label));
  } catch {
    return [];
  }
}

/**
 * `--baseline latest`: the newest run in the runs folder with a target of the same label (the previous run
 * of the same model or provider); otherwise a path to a run file.
 */
export function resolveBaseline(spec: string, runsDir: string, labels: string[]): string {
  if (spec !== 'latest') {
    const file = path.resolve(spec);
    if (!existsSync(file)) throw new UsageError(`no baseline at ${displayPath(file)}`);
    return file;
  }
  const files = existsSync(runsDir)
    ? readdirSync(runsDir).filter((f) => f.endsWith('.json')).sort().reverse().map((f) => path.join(runsDir, f))
    : [];
  const found = files.find((f) => targetLabels(f).some((l) => labels.includes(l)));
  if (!found) {
    throw new UsageError(`--baseline latest: no earlier run of ${labels.join(', ')} in ${displayPath(runsDir)}; run once without --baseline first, or give a path`);
  }
  return found;
}
