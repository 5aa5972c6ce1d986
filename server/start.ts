import fs from 'node:fs';
import path from 'node:path';
import { createVouch } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { buildApp, UI_DIR } from './http/app.js';
import { claimDataDir, DataDirInUseError } from './ops/server-lock.js';

export async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const started = performance.now();
  let releaseDataDir: () => void;
  try {
    releaseDataDir = claimDataDir(config.dataDir);
  } catch (err) {
    if (err instanceof DataDirInUseError) {
      console.error(`[vouch] ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
  const logger = {
    level: config.logLevel,
    // Cookies, tokens and passwords never reach the log.
    redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]'],
  };
  const bootLog = {
    info: (msg: string) => console.log(`[vouch] ${msg}`),
    warn: (msg: string) => console.warn(`[vouch] warning: ${msg}`),
    error: (obj: object, msg: string) => console.error(`[vouch] ${msg}`, obj),
  };
  const ctx = await createVouch(config, bootLog);
  const app = await buildApp(ctx, { logger });
  if (config.host !== '127.0.0.1' && config.host !== 'localhost' && config.host !== '::1') {
    bootLog.warn(`listening on ${config.host}: Vouch is reachable from other machines. Serve it behind https.`);
  }
  const address = await app.listen({ port: config.port, host: config.host });
  bootLog.info(`data in ${config.dataDir}${config.databaseUrl ? ' (records in Postgres)' : ''}`);
  const shown = address.replace('127.0.0.1', 'localhost');
  bootLog.info(`ready in ${((performance.now() - started) / 1000).toFixed(1)} s at ${shown}`);
  if (!(await ctx.stores.users.count())) bootLog.info(`open ${shown} to create the first admin`);
  if (!fs.existsSync(path.join(UI_DIR, 'index.html'))) bootLog.warn('the UI is not built: run `npm run build` (the API works without it)');

  const shutdown = async (signal: string) => {
    bootLog.info(`${signal}: shutting down`);
    await app.close();
    await ctx.close();
    releaseDataDir();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
}
