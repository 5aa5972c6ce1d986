import path from 'node:path';
import { createAuthService } from './auth/service.js';
import type { Config } from './config.js';
import { createEventBus } from './events.js';
import type { AppContext } from './http/context.js';
import { selectModels } from './llm/select.js';
import type { Drafter, Embedder, IntentReader, ModelHealth } from './llm/types.js';
import { createMatchService } from './match/service.js';
import { createProgram } from './program/index.js';
import { createDraftingQueue } from './review/drafting.js';
import { createReviewService } from './review/service.js';
import { openStores } from './store/index.js';
import { openSearchIndex } from './store/search-index.js';

export type Log = {
  info: (msg: string) => void;
  warn: (msg: string) => void;
  error: (obj: object, msg: string) => void;
};

/**
 * The composition root: opens the stores, picks the models, wires the services, and brings derived state
 * up to date (search index reconciled with the records, interrupted drafts resumed).
 */
export async function createVouch(
  config: Config,
  log: Log,
  overrides: { drafter?: Drafter; embedder?: Embedder; intentReader?: IntentReader } = {},
): Promise<AppContext & { close(): Promise<void> }> {
  const stores = openStores(config.dataDir);
  // Tests may inject a drafter/embedder (e.g. pointed at the scripted Ollama stand-in); the app selects the rest.
  const selected = overrides.drafter && overrides.embedder ? undefined : await selectModels(config, log);
  const drafter = overrides.drafter ?? selected!.drafter;
  const embedder = overrides.embedder ?? selected!.embedder;
  const llmHealth = overrides.drafter
    ? async (): Promise<ModelHealth> => ({ provider: drafter.provider, model: drafter.model, reachable: true })
    : selected!.health;

  // Vectors of different embedders never mix: a new embedder means a fresh index built from the records.
  const indexedWith = stores.settings.get('index.embedder');
  const embedderChanged = indexedWith !== undefined && indexedWith !== embedder.id;
  if (embedderChanged) {
    log.info(`embedder changed (${indexedWith} → ${embedder.id}): rebuilding the search index`);
    stores.advocates.markAllUnindexed();
  }
  const index = await openSearchIndex(path.join(config.dataDir, 'index'), embedder.dim, {
    reset: embedderChanged,
    onError: (err) => log.error({ err }, 'building the vector index failed; searches stay exact'),
  });
  stores.settings.set('index.embedder', embedder.id);

  const bus = createEventBus();
  const auth = createAuthService(stores);
  // Consent changes move an advocate into or out of the search index (the match service, created next).
  const program = createProgram({ stores, bus, burnout: config.burnout, onConsentChanged: (id) => match.scheduleIndex(id) });
  const match = createMatchService({
    embedder,
    index,
    advocates: stores.advocates,
    log,
    burnout: { loadsFor: program.loads.loadsFor, mode: program.overcap },
    products: config.products,
    intentReader: overrides.intentReader ?? selected?.intentReader,
    factCacheBytes: config.factCacheBytes,
  });
  const queue = createDraftingQueue({
    drafter,
    drafts: stores.drafts,
    interviews: stores.interviews,
    bus,
    concurrency: config.draftConcurrency,
    log,
  });
  const review = createReviewService({
    stores,
    queue,
    bus,
    onAdvocateApproved: (id) => match.scheduleIndex(id),
    fourEyes: config.fourEyes,
  });

  const admin = await auth.ensureAdminFromEnv(config.admin);
  if (admin) log.info(`created the first admin ${admin.email} from VOUCH_ADMIN_EMAIL`);
  const reindexed = await match.reconcile();
  if (reindexed > 0) log.info(`search index: ${reindexed} advocate(s) indexed`);
  const resumed = review.resumeUnfinished();
  if (resumed > 0) log.info(`resuming ${resumed} interrupted draft(s)`);

  return {
    config,
    stores,
    auth,
    review,
    match,
    program,
    bus,
    embedder,
    llmHealth,
    async close() {
      await queue.idle();
      await match.settled();
      index.close();
      stores.close();
    },
  };
}
