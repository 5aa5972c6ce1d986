import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the folder holding evals/); paths in run files are written relative to it. */
export const REPO_ROOT = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const DEFAULT_CONFIG = path.join(REPO_ROOT, 'evals', 'vouch-eval.config.json');

/** A path as it should appear in a run file or a message: relative to the repo when inside it. */
export function displayPath(file: string): string {
  const rel = path.relative(REPO_ROOT, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}
