/**
 * The real server (`tsx server/main.ts`) as a child process on a free loopback port, for the benchmarks
 * that measure it from outside (start-up, RSS, latency under load). Local embedder and extractive drafter:
 * the benchmark's index was built with the local embedder, and an Ollama on the machine must not trigger
 * a re-index or answer drafts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export type ServerProcess = { child: ChildProcess; url: string; readySeconds: number; startMs: number };

export function startServerProcess(opts: {
  dataDir: string;
  cacheDir: string;
  admin: { email: string; password: string };
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const startMs = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      VOUCH_DATA_DIR: opts.dataDir,
      VOUCH_VECTOR_CACHE: opts.cacheDir,
      VOUCH_EMBEDDER: 'local',
      VOUCH_LLM: 'extractive',
      VOUCH_ADMIN_EMAIL: opts.admin.email,
      VOUCH_ADMIN_PASSWORD: opts.admin.password,
      LOG_LEVEL: 'warn',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const m = /ready in ([\d.]+) s at (\S+)/.exec(log);
      if (m) {
        child.stdout?.off('data', onData);
        resolve({ child, url: m[2].replace('localhost', '127.0.0.1'), readySeconds: Number(m[1]), startMs });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (log += c.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}) before it was ready:\n${log.slice(-2000)}`)));
  });
}

/** SIGTERM, then SIGKILL after 10 s. */
export async function stopServerProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}
