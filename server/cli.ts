// Operations from the command line: `npm run backup -- <dir>` and `npm run restore -- <file>`.
// Both read VOUCH_DATA_DIR (default ./data) like the server.
import path from 'node:path';
import { backup, restore } from './ops/backup.js';

const [command, arg] = process.argv.slice(2);
const dataDir = path.resolve(process.env.VOUCH_DATA_DIR ?? './data');

try {
  if (command === 'backup') {
    const file = await backup(dataDir, arg ?? './backups');
    console.log(`backup written: ${file}`);
  } else if (command === 'restore' && arg) {
    const { restored, previous } = restore(arg, dataDir);
    console.log(`restored ${arg} → ${restored}${previous ? ` (previous database kept at ${previous})` : ''}`);
    console.log('the search index is rebuilt from the records at the next start');
  } else {
    console.error('usage: npm run backup -- [dir]   |   npm run restore -- <backup.sqlite>  (stop the server first)');
    process.exitCode = 2;
  }
} catch (err) {
  console.error(`[vouch] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
