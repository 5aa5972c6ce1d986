/**
 * Writes generated advocates into the SQLite system of record of the benchmark's data directory, so the
 * real server started on that directory finds them (match results are read from the records, and
 * /api/health counts them). Straight inserts, one per 1,000 rows: the approval path (interview →
 * draft → review) is not what this benchmark measures. With `indexed`, rows are marked indexed at their
 * version, as the match service does after writing them to the search index; without, the service's
 * reconcile() finds them all stale, as after an embedder change.
 */
import type { Advocate } from '../../server/domain/advocate.js';
import { advocateKey } from '../../server/domain/advocate.js';
import type { ProfileFields } from '../../server/domain/profile.js';
import { openStores } from '../../server/store/index.js';

export async function openRecords(dataDir: string, options: { indexed: boolean }) {
  const stores = await openStores({ dataDir });
  const add = (list: Advocate[]) =>
    stores.db.kysely
      .insertInto('advocates')
      .values(
        list.map((a) => {
          const { id, version, status, createdAt, updatedAt, ...profile } = a;
          // Generated names repeat across companies; the id keeps the identity key unique.
          return {
            id,
            identity_key: `${advocateKey(a)}|${id}`,
            version,
            status,
            profile_json: JSON.stringify(profile satisfies ProfileFields),
            indexed_version: options.indexed ? version : 0,
            created_at: createdAt,
            updated_at: updatedAt,
          };
        }),
      )
      .execute();
  return {
    /** One INSERT per call (SQLite's limit on bound values allows ~3,000 rows of 8 columns). */
    add: async (list: Advocate[]) => {
      for (let i = 0; i < list.length; i += 1000) await add(list.slice(i, i + 1000));
    },
    /** The embedder the index was built with, so the server does not see an embedder change and re-index. */
    setIndexEmbedder: (id: string) => stores.settings.set('index.embedder', id),
    stores,
    close: () => stores.close(),
  };
}
