import { fileURLToPath } from 'node:url';

/**
 * Where tests keep the local embedder's word-vector cache. Shared by every test file and run, so the
 * ~5 s build from the npm package happens once per checkout, not once per test file.
 */
export function testVectorCacheDir(): string {
  return fileURLToPath(new URL('../../node_modules/.cache/vouch-test-vectors', import.meta.url));
}
