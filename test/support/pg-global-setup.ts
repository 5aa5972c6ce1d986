import type { TestProject } from 'vitest/node';
import { startPgCluster } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A Postgres server the tests may create databases on ('' when none could be started). */
    pgUrl: string;
    /** Why there is none: the Postgres tests fail with this message (never skipped). */
    pgError: string;
  }
}

/** One throwaway Postgres cluster for the whole integration run (each test file makes its own databases). */
export default async function setup(project: TestProject) {
  const given = process.env.VOUCH_TEST_DATABASE_URL;
  if (given) {
    project.provide('pgUrl', given);
    project.provide('pgError', '');
    return;
  }
  try {
    const cluster = await startPgCluster();
    project.provide('pgUrl', cluster.url);
    project.provide('pgError', '');
    return () => cluster.stop();
  } catch (err) {
    project.provide('pgUrl', '');
    project.provide('pgError', err instanceof Error ? err.message : String(err));
  }
}
