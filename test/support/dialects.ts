import { inject } from 'vitest';
import { createTestDatabase } from './postgres.js';

/** The system-of-record dialects every store contract and core-loop test runs on. */
export const DIALECTS = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof DIALECTS)[number];

/** The test Postgres server (started by pg-global-setup.ts); fails with an install hint when there is none. */
export function pgServerUrl(): string {
  const url = inject('pgUrl');
  if (!url) throw new Error(inject('pgError') || 'No Postgres server for the tests (pg-global-setup.ts did not run).');
  return url;
}

/**
 * The environment that puts a server on `dialect`: nothing for SQLite (the data dir), a fresh database's
 * VOUCH_DATABASE_URL for Postgres. `drop` removes that database.
 */
export async function databaseFor(dialect: TestDialect): Promise<{ env: Record<string, string>; url?: string; drop(): Promise<void> }> {
  if (dialect === 'sqlite') return { env: {}, drop: async () => undefined };
  const db = await createTestDatabase(pgServerUrl());
  return { env: { VOUCH_DATABASE_URL: db.url }, url: db.url, drop: db.drop };
}
