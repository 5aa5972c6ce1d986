import type { AuthService } from '../auth/service.js';
import type { SessionEnds } from '../auth/session-ends.js';
import type { Config } from '../config.js';
import type { ErasureService } from '../erasure/service.js';
import type { EventBus } from '../events.js';
import type { Embedder, ModelHealth } from '../llm/types.js';
import type { MatchService } from '../match/service.js';
import type { Program } from '../program/index.js';
import type { ReviewService } from '../review/service.js';
import type { Stores } from '../store/index.js';

/** Everything the HTTP layer may call: services and stores, built once by server/app.ts. */
export type AppContext = {
  config: Config;
  stores: Stores;
  auth: AuthService;
  review: ReviewService;
  match: MatchService;
  program: Program;
  erasure: ErasureService;
  bus: EventBus;
  /** Sessions that ended (sign-out, new password): their websockets close. */
  sessionEnds: SessionEnds;
  embedder: Embedder;
  llmHealth: () => Promise<ModelHealth>;
};
