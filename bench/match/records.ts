/**
 * Writes generated advocates into the SQLite system of record of the benchmark's data directory, so the
 * real server started on that directory finds them (match results are read from the records, and
 * /api/health counts them). Straight inserts, one per 1,000 rows: the approval path (interview →
 * draft → review) is not what this benchmark measures. With `indexed`, rows are marked indexed at their
 * version, as the match service does after writing them to the search index; without, the service's
 * reconcile() finds them all stale, as after an embedder change.
 */
import type { Advocate } from '../../server/domain/advocate.js';
import { advocateKey, advocateSearchText } from '../../server/domain/advocate.js';
import type { ProfileFields } from '../../server/domain/profile.js';
import { hashPassword } from '../../server/auth/password.js';
import { openStores } from '../../server/store/index.js';

/** The benchmark's admin: signs in to the real server (server.ts) and recorded every generated advocate's consent. */
export const BENCH_ADMIN = { id: 'bench-admin', email: 'bench@example.com', password: 'match benchmark passphrase' };

export async function openRecords(dataDir: string, options: { indexed: boolean }) {
  const stores = await openStores({ dataDir });
  // The bench writes its records straight through SQLite's own handle, in one transaction per batch: the
  // record store is not what it measures, and prepared statements keep 100k rows to a few seconds.
  const sqlite = stores.db.sqlite;
  if (!sqlite) throw new Error('the match benchmark writes its records to SQLite');
  // Matching only finds consenting advocates: the bench admin recorded every generated advocate's consent.
  const reviewer = BENCH_ADMIN.id;
  sqlite
    .prepare(`INSERT OR IGNORE INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, 'Bench admin', 'admin', ?, ?)`)
    .run(reviewer, BENCH_ADMIN.email, await hashPassword(BENCH_ADMIN.password), new Date(0).toISOString());
  const insert = sqlite.prepare(
    `INSERT INTO advocates (id, identity_key, version, status, profile_json, evidence_json, search_text, indexed_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const consent = sqlite.prepare(
    `INSERT INTO advocate_consent (advocate_id, state, source, recorded_by, recorded_at) VALUES (?, 'granted', 'bench', ?, ?)`,
  );
  const insertAll = sqlite.transaction((list: Advocate[]) => {
    for (const a of list) {
      const { id, version, status, createdAt, updatedAt, consent: _c, evidence, ...profile } = a;
      // Generated names repeat across companies; the id keeps the identity key unique.
      const key = `${advocateKey(a)}|${id}`;
      insert.run(
        id,
        key,
        version,
        status,
        JSON.stringify(profile satisfies ProfileFields),
        JSON.stringify(evidence),
        advocateSearchText(profile),
        options.indexed ? version : 0,
        createdAt,
        updatedAt,
      );
      consent.run(id, reviewer, createdAt);
    }
  });
  return {
    add: async (list: Advocate[]) => insertAll(list),
    /** The embedder the index was built with, so the server does not see an embedder change and re-index. */
    setIndexEmbedder: (id: string) => stores.settings.set('index.embedder', id),
    stores,
    close: () => stores.close(),
  };
}
