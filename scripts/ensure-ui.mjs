// Builds the UI when build/ is missing or older than the sources, so `npm start` always serves the current UI.
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const built = path.join(root, 'build', 'index.html');

function newest(dir) {
  let t = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(newest(path.join(root, 'src')), newest(path.join(root, 'server', 'domain')));
if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
  console.log('[vouch] building the UI…');
  execSync('npx svelte-kit sync && npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}
