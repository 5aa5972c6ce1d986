import path from 'node:path';
import { openDb, type Db } from './db.js';
import { createAdvocateStore } from './advocates.js';
import { createDraftStore } from './drafts.js';
import { createInterviewStore } from './interviews.js';
import { createAdvocateProgramStore, createRequestStore } from './requests.js';
import { createSessionStore, createTokenStore } from './sessions.js';
import { createSettingsStore } from './settings.js';
import { createUserStore } from './users.js';

/** The system of record, opened from the data directory. */
export function openStores(dataDir: string) {
  const db: Db = openDb(path.join(dataDir, 'vouch.sqlite'));
  return {
    db,
    users: createUserStore(db),
    sessions: createSessionStore(db),
    tokens: createTokenStore(db),
    interviews: createInterviewStore(db),
    drafts: createDraftStore(db),
    advocates: createAdvocateStore(db),
    requests: createRequestStore(db),
    program: createAdvocateProgramStore(db),
    settings: createSettingsStore(db),
    close: () => db.close(),
  };
}
export type Stores = ReturnType<typeof openStores>;
