import type { Dirent } from 'node:fs';
import { readFile, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { EVAL_RUN_ID } from '../domain/api/evals.js';
import { issueLines } from '../../evals/lib/zod-issues.js';
import { RUN_FORMAT, RunFile } from '../../evals/store/run-file.js';

/**
 * The only place the evals pages touch the disk: the run files in `<evals>/runs/` and `<evals>/baselines/`.
 * Files are found by listing those two folders; an id from a request is only ever compared with the
 * names listed, never joined into a path.
 */
export type RunKind = 'run' | 'baseline';

export interface RunEntry {
  id: string;
  kind: RunKind;
  /** Absolute path of the file. */
  file: string;
}

export type RunRead = { ok: true; run: RunFile } | { ok: false; message: string };

const FOLDERS: Record<RunKind, string> = { run: 'runs', baseline: 'baselines' };
/** A run of many cases × models × repeats is a few MB; anything far larger is not a run file. */
const MAX_RUN_BYTES = 64 * 1024 * 1024;

export const idOf = (kind: RunKind, stem: string): string => (kind === 'baseline' ? `baseline:${stem}` : stem);

/** The id a recorded path (e.g. "evals/baselines/extractive.json", as a run's gate names its baseline) has here. */
export function idOfRecordedPath(recorded: string): string | null {
  const parts = recorded.split(/[\\/]+/);
  const name = parts.at(-1) ?? '';
  const folder = parts.at(-2);
  if (!name.endsWith('.json')) return null;
  const kind = (Object.keys(FOLDERS) as RunKind[]).find((k) => FOLDERS[k] === folder);
  return kind ? idOf(kind, name.slice(0, -'.json'.length)) : null;
}

async function listFolder(evalsDir: string, kind: RunKind): Promise<{ entries: RunEntry[]; problem: string | null }> {
  const dir = path.join(evalsDir, FOLDERS[kind]);
  let dirents: Dirent[];
  try {
    dirents = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // No folder yet (no run made, or VOUCH_EVALS_DIR elsewhere) is the empty state, not an error.
    if (code === 'ENOENT' || code === 'ENOTDIR') return { entries: [], problem: null };
    return { entries: [], problem: `cannot list ${dir}: ${code ?? String(err)}` };
  }
  const entries = dirents
    // Regular files only: a symlink could point anywhere on the machine.
    .filter((d) => d.isFile() && d.name.endsWith('.json'))
    .map((d) => ({ id: idOf(kind, d.name.slice(0, -'.json'.length)), kind, file: path.join(dir, d.name) }))
    .filter((e) => EVAL_RUN_ID.test(e.id));
  return { entries, problem: null };
}

export async function listRunEntries(evalsDir: string): Promise<{ entries: RunEntry[]; problems: string[] }> {
  const folders = await Promise.all([listFolder(evalsDir, 'baseline'), listFolder(evalsDir, 'run')]);
  return {
    entries: folders.flatMap((f) => f.entries),
    problems: folders.flatMap((f) => (f.problem ? [f.problem] : [])),
  };
}

/** Parsed run files by path, kept while the file's size and mtime stay the same. */
export class RunFileCache {
  private readonly cache = new Map<string, { key: string; read: RunRead }>();

  async read(file: string): Promise<RunRead & { version: string }> {
    let key: string;
    try {
      const s = await stat(file);
      if (s.size > MAX_RUN_BYTES) return { ok: false, message: `larger than ${MAX_RUN_BYTES / 1024 / 1024} MB`, version: '' };
      key = `${s.size}:${s.mtimeMs}`;
    } catch (err) {
      return { ok: false, message: `cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, version: '' };
    }
    const hit = this.cache.get(file);
    if (hit?.key === key) return { ...hit.read, version: key };
    const read = await readRun(file);
    this.cache.set(file, { key, read });
    return { ...read, version: key };
  }

  /** Forget files that are no longer listed (deleted runs). */
  keepOnly(files: Set<string>): void {
    for (const file of this.cache.keys()) if (!files.has(file)) this.cache.delete(file);
  }
}

async function readRun(file: string): Promise<RunRead> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { ok: false, message: code ? `cannot read: ${code}` : `not valid JSON (${(err as Error).message})` };
  }
  const parsed = RunFile.safeParse(json);
  if (!parsed.success) return { ok: false, message: `not a ${RUN_FORMAT} file:\n${issueLines(parsed.error)}` };
  return { ok: true, run: parsed.data };
}
