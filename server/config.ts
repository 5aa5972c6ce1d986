import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/** The repository root: defaults that live in the checkout (evals/) do not depend on the working directory. */
const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Every setting Vouch reads from the environment, validated once at start. The README's configuration
 * table mirrors this file.
 */
const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Loopback by default: serving on another interface is an explicit choice (a warning is logged). */
  HOST: z.string().default('127.0.0.1'),
  VOUCH_DATA_DIR: z.string().default('./data'),
  /** postgres://… : the system of record on Postgres (several instances may share it); unset: SQLite in the data dir. */
  VOUCH_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  /** Where the search index lives: a local path (default <data>/index) or a LanceDB object-store URI (s3://, gs://, az://). */
  VOUCH_INDEX_URI: z.string().min(1).optional(),
  /** JSON object of LanceDB storage options for an object-store index (e.g. {"region":"eu-west-1"}); credentials may come from the usual AWS_* variables instead. */
  VOUCH_INDEX_STORAGE_OPTIONS: z.string().optional(),
  /** This instance's name among several (letters, digits, . _ -); a stable one lets a restart free its own draft claims at once. */
  VOUCH_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, underscore and dash only')
    .optional(),
  /** How long a draft claim holds without renewal: a dead instance's drafts are taken over after this. */
  VOUCH_DRAFT_LEASE_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** Postgres: how often an instance looks for drafts and approvals other instances made (NOTIFY usually tells it sooner). */
  VOUCH_SYNC_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  /**
   * The erasure log (ids and times of erasures, no personal data), re-applied after a restore and at every
   * start. Default <data>/erasures.jsonl; keep it where backups are not (it must outlive them).
   */
  VOUCH_ERASURE_LOG: z.string().min(1).optional(),
  /** Where the compact word-vector cache lives (built once from the npm package). Default: <data>/cache. */
  VOUCH_VECTOR_CACHE: z.string().optional(),
  /** Eval runs (runs/) and committed baselines (baselines/) shown on /evals; relative to the repo root. */
  VOUCH_EVALS_DIR: z.string().min(1).default('evals'),
  OLLAMA_HOST: z.string().url().default('http://127.0.0.1:11434'),
  VOUCH_MODEL: z.string().min(1).default('llama3.2'),
  VOUCH_EMBED_MODEL: z.string().min(1).default('nomic-embed-text'),
  /** auto: Ollama when reachable at start, else the embedded extractive drafter. */
  VOUCH_LLM: z.enum(['auto', 'ollama', 'extractive']).default('auto'),
  /** auto: Ollama embeddings when reachable and the model is pulled, else the local word-vector embedder. */
  VOUCH_EMBEDDER: z.enum(['auto', 'ollama', 'local']).default('auto'),
  VOUCH_LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).default(180_000),
  /** Retries of a transient Ollama failure (not reachable, 5xx, timeout, stream cut) per model call. */
  VOUCH_LLM_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Wait before the first retry, doubled for each next one (with jitter), capped by VOUCH_LLM_BACKOFF_MAX_MS. */
  VOUCH_LLM_BACKOFF_MS: z.coerce.number().int().min(0).max(600_000).default(2_000),
  VOUCH_LLM_BACKOFF_MAX_MS: z.coerce.number().int().min(0).max(3_600_000).default(30_000),
  /** Who reads a prospect description on /match: auto (the model when drafting with Ollama), ollama (the model, whatever drafts), or rules. */
  VOUCH_INTENT: z.enum(['auto', 'ollama', 'rules']).default('auto'),
  /** How long matching waits for the model to read the intent before it uses the rules (the rep is waiting). */
  VOUCH_INTENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2500),
  /** Memory the match service may use to remember profile facts' vectors between searches (reasons). */
  VOUCH_FACT_CACHE_MB: z.coerce.number().min(0).max(4096).default(32),
  /** Comma-separated names of your company's products, so the extractive drafter recognises them. */
  VOUCH_PRODUCTS: z.string().default(''),
  VOUCH_ADMIN_EMAIL: z.string().optional(),
  VOUCH_ADMIN_PASSWORD: z.string().optional(),
  /** Drafts written at once; more wait in the queue. */
  VOUCH_DRAFT_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(1),
  /** Four-eyes review: whoever pasted the notes cannot also approve the draft. */
  VOUCH_FOUR_EYES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Set when served behind https so the session cookie gets the Secure flag. */
  VOUCH_SECURE_COOKIES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** Sign-in attempts (POST /api/session, POST /api/setup) one client address may make per minute; 0 = no limit. */
  VOUCH_SIGNIN_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(30),
  /**
   * Which proxies to believe about the client's address (X-Forwarded-For): unset/false = none (the peer's
   * address counts), true = any, a number = that many hops, or comma-separated addresses/CIDRs.
   */
  VOUCH_TRUST_PROXY: z.string().default('false'),
  /** Burnout protection: engagements an advocate may take per rolling 90 days (a manager can set another per advocate). */
  VOUCH_ADVOCATE_CAP: z.coerce.number().int().min(0).max(50).default(3),
  /** Days an advocate rests after each engagement. */
  VOUCH_COOLDOWN_DAYS: z.coerce.number().int().min(0).max(365).default(14),
  /** Resting or at-cap advocates in match results: ranked below the others, or hidden (the count is shown). */
  VOUCH_OVERCAP: z.enum(['rank', 'hide']).default('rank'),
  /** Days after its last approval or verification with the customer that a profile counts as stale on /program. */
  VOUCH_STALE_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** Level of the HTTP server's JSON log (start-up messages always print). `info` logs every request. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** A local path or an object-store URI. */
  indexUri: string;
  indexStorageOptions?: Record<string, string>;
  instanceId?: string;
  draftLeaseMs: number;
  syncPollMs: number;
  vectorCacheDir: string;
  /** The erasure log file (server/store/erasure-log.ts). */
  erasureLog: string;
  evalsDir: string;
  ollamaHost: string;
  model: string;
  embedModel: string;
  llm: 'auto' | 'ollama' | 'extractive';
  embedder: 'auto' | 'ollama' | 'local';
  llmTimeoutMs: number;
  llmRetry: { retries: number; baseDelayMs: number; maxDelayMs: number };
  intent: { mode: 'auto' | 'ollama' | 'rules'; timeoutMs: number };
  factCacheBytes: number;
  products: string[];
  admin?: { email: string; password: string };
  draftConcurrency: number;
  secureCookies: boolean;
  /** Sign-in attempts per client address per minute (0 = no limit). */
  signInPerMinute: number;
  /** Fastify's trustProxy: whose X-Forwarded-For to believe. */
  trustProxy: boolean | number | string[];
  fourEyes: boolean;
  burnout: { cap: number; cooldownDays: number; overcap: 'rank' | 'hide' };
  /** The program around the advocates (/program). */
  program: { staleDays: number };
  logLevel: z.infer<typeof Env>['LOG_LEVEL'];
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.VOUCH_DATA_DIR);
  if ((e.VOUCH_ADMIN_EMAIL && !e.VOUCH_ADMIN_PASSWORD) || (!e.VOUCH_ADMIN_EMAIL && e.VOUCH_ADMIN_PASSWORD)) {
    throw new ConfigError('Set both VOUCH_ADMIN_EMAIL and VOUCH_ADMIN_PASSWORD, or neither.');
  }
  let indexStorageOptions: Record<string, string> | undefined;
  if (e.VOUCH_INDEX_STORAGE_OPTIONS) {
    const opts = z.record(z.string(), z.string()).safeParse(safeJson(e.VOUCH_INDEX_STORAGE_OPTIONS));
    if (!opts.success) throw new ConfigError('VOUCH_INDEX_STORAGE_OPTIONS must be a JSON object of strings, e.g. {"region":"eu-west-1"}.');
    indexStorageOptions = opts.data;
  }
  const indexUri = e.VOUCH_INDEX_URI ?? path.join(dataDir, 'index');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.VOUCH_DATABASE_URL,
    indexUri: isObjectStoreUri(indexUri) ? indexUri : path.resolve(indexUri),
    indexStorageOptions,
    instanceId: e.VOUCH_INSTANCE_ID,
    draftLeaseMs: e.VOUCH_DRAFT_LEASE_MS,
    syncPollMs: e.VOUCH_SYNC_POLL_MS,
    vectorCacheDir: path.resolve(e.VOUCH_VECTOR_CACHE ?? path.join(dataDir, 'cache')),
    erasureLog: path.resolve(e.VOUCH_ERASURE_LOG ?? path.join(dataDir, 'erasures.jsonl')),
    evalsDir: path.resolve(REPO_ROOT, e.VOUCH_EVALS_DIR),
    ollamaHost: e.OLLAMA_HOST.replace(/\/+$/, ''),
    model: e.VOUCH_MODEL,
    embedModel: e.VOUCH_EMBED_MODEL,
    llm: e.VOUCH_LLM,
    embedder: e.VOUCH_EMBEDDER,
    llmTimeoutMs: e.VOUCH_LLM_TIMEOUT_MS,
    llmRetry: { retries: e.VOUCH_LLM_RETRIES, baseDelayMs: e.VOUCH_LLM_BACKOFF_MS, maxDelayMs: e.VOUCH_LLM_BACKOFF_MAX_MS },
    intent: { mode: e.VOUCH_INTENT, timeoutMs: e.VOUCH_INTENT_TIMEOUT_MS },
    factCacheBytes: Math.round(e.VOUCH_FACT_CACHE_MB * 2 ** 20),
    products: e.VOUCH_PRODUCTS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    admin:
      e.VOUCH_ADMIN_EMAIL && e.VOUCH_ADMIN_PASSWORD
        ? { email: e.VOUCH_ADMIN_EMAIL, password: e.VOUCH_ADMIN_PASSWORD }
        : undefined,
    draftConcurrency: e.VOUCH_DRAFT_CONCURRENCY,
    secureCookies: e.VOUCH_SECURE_COOKIES,
    signInPerMinute: e.VOUCH_SIGNIN_PER_MINUTE,
    trustProxy: parseTrustProxy(e.VOUCH_TRUST_PROXY),
    fourEyes: e.VOUCH_FOUR_EYES,
    burnout: { cap: e.VOUCH_ADVOCATE_CAP, cooldownDays: e.VOUCH_COOLDOWN_DAYS, overcap: e.VOUCH_OVERCAP },
    program: { staleDays: e.VOUCH_STALE_DAYS },
    logLevel: e.LOG_LEVEL,
  };
}

/** Names proxy-addr (Fastify's trustProxy) knows for address ranges. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** VOUCH_TRUST_PROXY as Fastify's trustProxy; an address that is not one is refused at start, not ignored. */
function parseTrustProxy(value: string): boolean | number | string[] {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'false') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const [address, bits, ...rest] = entry.split('/');
    const version = isIP(address);
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 6 ? 128 : 32));
    if (!PROXY_RANGES.has(entry) && (!version || !bitsOk || rest.length > 0)) {
      throw new ConfigError(
        `VOUCH_TRUST_PROXY: "${entry}" is not an address, a CIDR range or one of loopback, linklocal, uniquelocal (or use true, false, or a number of hops).`,
      );
    }
  }
  return list;
}

/** URIs with a scheme (s3://, s3+ddb://, gs://, az://, file://) go to LanceDB as they are; anything else is a local path. */
export const isObjectStoreUri = (uri: string) => /^[a-z][a-z0-9+.-]*:\/\//i.test(uri);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
