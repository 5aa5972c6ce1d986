import { execFileSync } from 'node:child_process';

export interface GitState {
  revision: string | null;
  /** Tracked files differ from the revision (an edited prompt counts); null when unknown. */
  dirty: boolean | null;
}

/** The checkout's revision, read-only; null outside a git checkout or without git. */
export function gitState(cwd: string): GitState {
  const git = (...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
  let revision: string | null;
  try {
    revision = git('rev-parse', 'HEAD');
  } catch {
    return { revision: null, dirty: null };
  }
  try {
    return { revision, dirty: git('status', '--porcelain', '--untracked-files=no') !== '' };
  } catch {
    return { revision, dirty: null };
  }
}
