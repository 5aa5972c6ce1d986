import path from 'node:path';
import { createAdvocateStore } from './advocates.js';
import { createAuditStore } from './audit.js';
import { openDb, type Db, type Dialect, type Executor, type OnConnectionLost } from './db.js';
import { createDraftStore } from './drafts.js';
import { createErasureStore } from './erasures.js';
import { createInterviewStore } from './interviews.js';
import { createLoginFailureStore } from './login-failures.js';
import { createNominationStore } from './nominations.js';
import { createPortfolioStore } from './portfolio.js';
import { createAdvocateProgramStore, createRequestStore } from './requests.js';
import { createSessionStore, createTokenStore } from './sessions.js';
import { createSettingsStore } from './settings.js';
import { createUserStore } from './users.js';

/** Every store, bound to one executor: the database itself, or one transaction. */
export function bindStores(db: Executor, dialect: Dialect) {
  return {
    users: createUserStore(db, dialect),
    sessions: createSessionStore(db),
    tokens: createTokenStore(db),
    interviews: createInterviewStore(db),
    drafts: createDraftStore(db, dialect),
    advocates: createAdvocateStore(db, dialect),
    requests: createRequestStore(db, dialect),
    program: createAdvocateProgramStore(db),
    settings: createSettingsStore(db),
    audit: createAuditStore(db),
    loginFailures: createLoginFailureStore(db, dialect),
    nominations: createNominationStore(db, dialect),
    portfolio: createPortfolioStore(db),
    erasures: createErasureStore(db),
  };
}
/** The stores as a transaction sees them: pass these (not the outer ones) to everything the transaction calls. */
export type TxStores = ReturnType<typeof bindStores>;

export type StoreLocation = { dataDir: string; databaseUrl?: string };

/**
 * The system of record: SQLite at `<dataDir>/vouch.sqlite`, or Postgres when `databaseUrl` is given.
 * `transaction(fn)` runs fn with every store bound to one transaction: all its writes commit together or
 * not at all. Inside fn use only the stores it is given (on SQLite, the outer ones wait for the
 * transaction to end, so using them there would never finish).
 */
export async function openStores(location: StoreLocation, onConnectionLost?: OnConnectionLost) {
  const db: Db = await openDb(
    location.databaseUrl ? { databaseUrl: location.databaseUrl } : { sqliteFile: path.join(location.dataDir, 'vouch.sqlite') },
    onConnectionLost,
  );
  const stores = bindStores(db.kysely, db.dialect);
  // Migration 9 added the advocates' search text; rows written before it (or inserted directly) get it now.
  await stores.advocates.fillSearchText();
  return {
    ...stores,
    db,
    dialect: db.dialect,
    transaction<T>(fn: (tx: TxStores) => Promise<T>): Promise<T> {
      return db.kysely.transaction().execute((trx) => fn(bindStores(trx, db.dialect)));
    },
    close: () => db.close(),
  };
}
export type Stores = Awaited<ReturnType<typeof openStores>>;
