import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createVouch } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import { buildApp } from '../../server/http/app.js';
import type { Drafter, Embedder } from '../../server/llm/types.js';
import { testVectorCacheDir } from './vector-cache.js';

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * The whole server in-process (real SQLite + LanceDB in a temp dir, real HTTP on a free loopback port),
 * with the embedded drafter and local embedder unless `env` chooses otherwise.
 */
export async function startServer(opts: { env?: Record<string, string>; dataDir?: string; drafter?: Drafter; embedder?: Embedder } = {}) {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-it-'));
  const config = loadConfig({
    VOUCH_DATA_DIR: dataDir,
    VOUCH_VECTOR_CACHE: testVectorCacheDir(),
    VOUCH_LLM: 'extractive',
    VOUCH_EMBEDDER: 'local',
    OLLAMA_HOST: 'http://127.0.0.1:9',
    ...opts.env,
  });
  const ctx = await createVouch(config, quiet, { drafter: opts.drafter, embedder: opts.embedder });
  const app: FastifyInstance = await buildApp(ctx);
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    dataDir,
    ctx,
    app,
    async stop() {
      await app.close();
      await ctx.close();
    },
  };
}
export type TestServer = Awaited<ReturnType<typeof startServer>>;
