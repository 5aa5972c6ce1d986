import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testVectorCacheDir } from './vector-cache.js';

const root = path.resolve(import.meta.dirname, '../..');

export type RunningApp = {
  url: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the server printed so far (stdout and stderr: start-up lines and the JSON log). */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
};

/**
 * Starts the real server (`tsx server/main.ts`) as a child process on a free port, with its data in a temp
 * dir (or `dataDir` to restart on existing data). Ollama is pointed at a closed port unless `env` says
 * otherwise, so tests never depend on a local Ollama.
 */
export async function startApp(opts: { env?: Record<string, string>; dataDir?: string } = {}): Promise<RunningApp> {
  const dataDir = opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vouch-app-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      VOUCH_DATA_DIR: dataDir,
      VOUCH_VECTOR_CACHE: testVectorCacheDir(),
      OLLAMA_HOST: 'http://127.0.0.1:9',
      LOG_LEVEL: 'warn',
      LANCEDB_LOG: 'error',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Collected for as long as the server runs: output() lets tests read the log after start.
  let output = '';
  let started = false;
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output}`)), 120_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (started) return;
      const m = output.match(/ready in [\d.]+ s at (http:\/\/\S+)/);
      if (m) {
        started = true;
        clearTimeout(timer);
        resolve(m[1].replace('localhost', '127.0.0.1'));
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    dataDir,
    process: child,
    output: () => output,
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill(signal);
      }),
  };
}
