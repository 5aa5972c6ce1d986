import { DomainError } from './domain/errors.js';
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { createAuthService } from './auth/service.js';
import { createSessionEnds } from './auth/session-ends.js';
import type { Config } from './config.js';
import { createErasureService } from './erasure/service.js';
import { createEventBus } from './events.js';
import type { AppContext } from './http/context.js';
import { selectModels } from './llm/select.js';
import type { Drafter, Embedder, IntentReader, ModelHealth } from './llm/types.js';
import { createMatchService } from './match/service.js';
import { createProgram } from './program/index.js';
import { createDraftingQueue } from './review/drafting.js';
import { createReviewService } from './review/service.js';
import { openErasureLog } from './store/erasure-log.js';
import { openStores } from './store/index.js';
import { CHANNELS, openNotifier, type Notifier } from './store/notify.js';
import { openSearchIndex } from './store/search-index.js';
import type { WsEvent } from './domain/events.js';

export type Log = {
  info: (msg: string) => void;
  warn: (msg: string) => void;
  error: (obj: object, msg: string) => void;
};

/**
 * The composition root: opens the stores, picks the models, wires the services, and brings derived state
 * up to date (search index reconciled with the records, interrupted drafts resumed). On Postgres it also
 * joins the other instances: LISTEN/NOTIFY relays websocket events and tells of waiting drafts, and a
 * timer catches up with drafts and approvals that arrived without a notification.
 */
export async function createVouch(
  config: Config,
  log: Log,
  overrides: { drafter?: Drafter; embedder?: Embedder; intentReader?: IntentReader } = {},
): Promise<AppContext & { close(): Promise<void> }> {
  const stores = await openStores({ dataDir: config.dataDir, databaseUrl: config.databaseUrl }, (err) =>
    log.warn(`a pooled Postgres connection was lost (${err.message}); the next query opens a new one`),
  );
  const shared = stores.dialect === 'postgres';
  // Tests may inject a drafter/embedder (e.g. pointed at the scripted Ollama stand-in); the app selects the rest.
  const selected = overrides.drafter && overrides.embedder ? undefined : await selectModels(config, log);
  const drafter = overrides.drafter ?? selected!.drafter;
  const embedder = overrides.embedder ?? selected!.embedder;
  const llmHealth = overrides.drafter
    ? async (): Promise<ModelHealth> => ({ provider: drafter.provider, model: drafter.model, reachable: true })
    : selected!.health;

  // Vectors of different embedders never mix: a new embedder means a fresh index built from the records.
  const indexedWith = await stores.settings.get('index.embedder');
  const embedderChanged = indexedWith !== undefined && indexedWith !== embedder.id;
  if (embedderChanged) {
    log.info(`embedder changed (${indexedWith} → ${embedder.id}): rebuilding the search index`);
    await stores.advocates.markAllUnindexed();
  }
  const index = await openSearchIndex(config.indexUri, embedder.dim, {
    storageOptions: config.indexStorageOptions,
    reset: embedderChanged,
    onError: (err) => log.error({ err }, 'building the vector index failed; searches stay exact'),
  });
  await stores.settings.set('index.embedder', embedder.id);

  const instanceId = config.instanceId ?? `${os.hostname()}-${process.pid}`;
  const workerId = `${instanceId}/${randomUUID().slice(0, 8)}`;
  const bus = createEventBus();
  const sessionEnds = createSessionEnds();
  const auth = createAuthService(stores, { sessionEnds });
  // Consent changes move an advocate into or out of the search index (the match service, created next).
  const program = createProgram({
    stores,
    bus,
    burnout: config.burnout,
    staleDays: config.program.staleDays,
    log,
    onConsentChanged: (id) => match.scheduleIndex(id),
  });
  const match = createMatchService({
    embedder,
    index,
    advocates: stores.advocates,
    log,
    burnout: { loadsFor: program.loads.loadsFor, mode: program.overcap },
    verifiedHints: program.freshness.hintsFor,
    products: config.products,
    intentReader: overrides.intentReader ?? selected?.intentReader,
    factCacheBytes: config.factCacheBytes,
    // SQLite: one process owns the records and its index. Postgres: instances share the records (and so the
    // marks), each with its own index, so reconcile compares this instance's index with the records.
    ownIndex: !shared,
  });
  let notifier: Notifier | undefined;
  const queue = createDraftingQueue({
    drafter,
    drafts: stores.drafts,
    interviews: stores.interviews,
    bus,
    concurrency: config.draftConcurrency,
    log,
    workerId,
    leaseMs: config.draftLeaseMs,
    pollMs: shared ? config.syncPollMs : 0,
    // SQLite has one instance: every claim left at start is this instance's own. On Postgres only a stable
    // VOUCH_INSTANCE_ID knows its own; other claims lapse after the lease.
    releaseAtStart: shared ? (config.instanceId ? `${config.instanceId}/` : undefined) : null,
    announce: () => void notifier?.send(CHANNELS.drafts, {}).catch((err: unknown) => log.error({ err }, 'NOTIFY failed')),
  });
  if (shared) {
    notifier = await openNotifier({
      databaseUrl: config.databaseUrl!,
      db: stores.db.kysely,
      origin: workerId,
      log,
      onMessage: (channel, body) => {
        if (channel === CHANNELS.drafts) queue.poke();
        else if (channel === CHANNELS.sessions) sessionEnds.deliver(body);
        else bus.deliver(body as WsEvent);
      },
    });
    bus.relayTo(throttledRelay((event) => notifier?.send(CHANNELS.events, event), log));
    // A sign-out on this instance closes that session's sockets on every instance.
    sessionEnds.relayTo((end) => void notifier?.send(CHANNELS.sessions, end).catch((err: unknown) => log.error({ err }, 'relaying a sign-out failed')));
  }
  const review = createReviewService({
    stores,
    queue,
    bus,
    onAdvocateApproved: (id) => match.scheduleIndex(id),
    fourEyes: config.fourEyes,
  });

  // Erasures: the index and caches forget an erased advocate at once; the erasure log lives outside the database.
  const erasure = createErasureService({
    stores,
    log: openErasureLog(config.erasureLog),
    bus,
    onAdvocateErased: (id) => match.forget([id]),
    warn: log.warn,
  });

  const admin = await auth.ensureAdminFromEnv(config.admin).catch((err: unknown) => {
    // Two instances starting together on an empty database: the other one created the admin first.
    if (shared && err instanceof DomainError && err.kind === 'conflict') return undefined;
    throw err;
  });
  if (admin) log.info(`created the first admin ${admin.email} from VOUCH_ADMIN_EMAIL`);
  // A restored backup from before an erasure holds the person again: apply the erasure log before anything reads it.
  const synced = await erasure.syncLog();
  if (synced.reapplied > 0) log.info(`erasure log: ${synced.reapplied} erasure(s) applied again to the restored records`);
  const reindexed = await match.reconcile();
  if (reindexed > 0) log.info(`search index: ${reindexed} advocate(s) indexed`);
  const resumed = await review.resumeUnfinished();
  if (resumed > 0) log.info(`${resumed} draft(s) waiting to be drafted`);
  // Approvals made on other instances reach this instance's index within a poll.
  // Erasures made there reach this instance's index the same way, and its copy of the erasure log.
  const catchUp = shared
    ? setInterval(() => {
        void match.catchUp().catch((err: unknown) => log.error({ err }, 'search index catch-up failed'));
        void erasure.syncLog({ reapply: false }).catch((err: unknown) => log.error({ err }, 'copying erasures to the erasure log failed'));
      }, config.syncPollMs)
    : undefined;
  catchUp?.unref();

  return {
    config,
    stores,
    auth,
    review,
    match,
    program,
    erasure,
    bus,
    sessionEnds,
    embedder,
    llmHealth,
    async close() {
      if (catchUp) clearInterval(catchUp);
      await queue.stop();
      await match.settled();
      await program.close();
      await notifier?.close();
      index.close();
      await stores.close();
    },
  };
}

/**
 * Relays events to the other instances, at most 4 progress updates per second per draft (a streaming model
 * reports far more often; the browser needs no more). Status changes always go.
 */
function throttledRelay(send: (event: WsEvent) => Promise<void> | undefined, log: Log) {
  const last = new Map<string, number>();
  return (event: WsEvent) => {
    if (event.type === 'draft.updated' && event.draft.status === 'drafting') {
      const t = Date.now();
      if (t - (last.get(event.draft.id) ?? 0) < 250) return;
      last.set(event.draft.id, t);
      if (last.size > 1000) last.clear();
    }
    void send(event)?.catch((err: unknown) => log.error({ err }, 'relaying an event failed'));
  };
}
