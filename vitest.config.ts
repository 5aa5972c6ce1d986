import { defineConfig } from 'vitest/config';

// Three tiers, one command (`npm test`): pure unit tests, integration tests on real stores and real HTTP,
// and the browser walk-through (needs the built UI and Debian's chromium).
export default defineConfig({
  test: {
    env: { LANCEDB_LOG: 'error' },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          // A throwaway Postgres cluster for the tests that run on both dialects (test/support/postgres.ts).
          globalSetup: ['test/support/pg-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
