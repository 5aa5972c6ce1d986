// Operations from the command line: `npm run backup -- <dir>` and `npm run restore -- <file>`.
// Both read VOUCH_DATA_DIR (default ./data) and VOUCH_INDEX_URI like the server. They are for SQLite: on
// Postgres (VOUCH_DATABASE_URL) use pg_dump / pg_restore (README, "Deployment beyond one machine").
import { isObjectStoreUri, loadConfig } from './config.js';
import { createErasureService } from './erasure/service.js';
import { backup, restore } from './ops/backup.js';
import { openErasureLog } from './store/erasure-log.js';
import { openStores } from './store/index.js';

const [command, arg] = process.argv.slice(2);

try {
  const config = loadConfig();
  const dataDir = config.dataDir;
  if (config.databaseUrl && (command === 'backup' || command === 'restore')) {
    throw new Error(
      'VOUCH_DATABASE_URL is set: the records are in Postgres. Back them up with `pg_dump --format=custom "$VOUCH_DATABASE_URL" > vouch.dump` and restore with `pg_restore --clean --dbname "$VOUCH_DATABASE_URL" vouch.dump`.',
    );
  }
  if (command === 'backup') {
    const file = await backup(dataDir, arg ?? './backups');
    console.log(`backup written: ${file}`);
  } else if (command === 'restore' && arg) {
    const { restored, previous } = restore(arg, dataDir, isObjectStoreUri(config.indexUri) ? undefined : config.indexUri);
    console.log(`restored ${arg} → ${restored}${previous ? ` (previous database kept at ${previous})` : ''}`);
    // The backup may be older than some erasures: the erasure log (outside the database) applies them again.
    const stores = await openStores({ dataDir });
    try {
      const { reapplied } = await createErasureService({ stores, log: openErasureLog(config.erasureLog) }).syncLog();
      console.log(`erasure log ${config.erasureLog}: ${reapplied} erasure(s) made after this backup applied again`);
    } finally {
      await stores.close();
    }
    console.log('the search index is rebuilt from the records at the next start');
  } else {
    console.error('usage: npm run backup -- [dir]   |   npm run restore -- <backup.sqlite>  (stop the server first)');
    process.exitCode = 2;
  }
} catch (err) {
  console.error(`[vouch] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
