/**
 * Writes generated advocates into the SQLite system of record of the benchmark's data directory, so the
 * real server started on that directory finds them (match results are read from the records, and
 * /api/health counts them). Straight SQL in one transaction per batch: the approval path (interview →
 * draft → review) is not what this benchmark measures. With `indexed`, rows are marked indexed at their
 * version, as the match service does after writing them to the search index; without, the service's
 * reconcile() finds them all stale, as after an embedder change.
 */
import type { Advocate } from '../../server/domain/advocate.js';
import { advocateKey } from '../../server/domain/advocate.js';
import type { ProfileFields } from '../../server/domain/profile.js';
import { openStores } from '../../server/store/index.js';

export function openRecords(dataDir: string, options: { indexed: boolean }) {
  const stores = openStores(dataDir);
  const insert = stores.db.prepare(
    `INSERT INTO advocates (id, identity_key, version, status, profile_json, indexed_version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertAll = stores.db.transaction((list: Advocate[]) => {
    for (const a of list) {
      const { id, version, status, createdAt, updatedAt, ...profile } = a;
      // Generated names repeat across companies; the id keeps the identity key unique.
      const key = `${advocateKey(a)}|${id}`;
      insert.run(id, key, version, status, JSON.stringify(profile satisfies ProfileFields), options.indexed ? version : 0, createdAt, updatedAt);
    }
  });
  return {
    add: (list: Advocate[]) => insertAll(list),
    /** The embedder the index was built with, so the server does not see an embedder change and re-index. */
    setIndexEmbedder: (id: string) => stores.settings.set('index.embedder', id),
    stores,
    close: () => stores.close(),
  };
}
