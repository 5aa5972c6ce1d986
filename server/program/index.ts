import type { Config } from '../config.js';
import { WINDOW_DAYS } from '../domain/burnout.js';
import type { EventBus } from '../events.js';
import type { Stores } from '../store/index.js';
import { createAdvocateProgramService } from './advocates.js';
import { createFreshnessService } from './freshness.js';
import { createLoadProvider } from './loads.js';
import { createNominationService } from './nominations.js';
import { createPortfolioService } from './portfolio.js';
import { createRequestService } from './requests.js';
import { createValueService } from './value.js';

/**
 * The advocacy program: burnout protection (loads), the request workflow and per-advocate settings, and
 * the program around them (/nominate, /program): nominations, fresh profiles, targets, coverage and demand,
 * value. Request and nomination events go out on the shared bus; /ws delivers each only to the people it
 * concerns (domain/events.ts#mayReceive).
 */
export function createProgram(deps: {
  stores: Stores;
  bus: EventBus;
  burnout: Config['burnout'];
  staleDays: number;
  now?: () => Date;
  log?: { error: (obj: object, msg: string) => void };
  onConsentChanged?: (advocateId: string) => void;
}) {
  const now = deps.now ?? (() => new Date());
  const { bus } = deps;
  const loads = createLoadProvider({
    requests: deps.stores.requests,
    program: deps.stores.program,
    defaults: { cap: deps.burnout.cap, cooldownDays: deps.burnout.cooldownDays, windowDays: WINDOW_DAYS },
    now,
  });
  const freshness = createFreshnessService({ stores: deps.stores, staleDays: deps.staleDays, now });
  const portfolio = createPortfolioService({ stores: deps.stores, loads, now, log: deps.log });
  return {
    loads,
    overcap: deps.burnout.overcap,
    requests: createRequestService({ stores: deps.stores, bus, loads, now }),
    advocates: createAdvocateProgramService({ stores: deps.stores, loads, freshness, onConsentChanged: deps.onConsentChanged }),
    nominations: createNominationService({ stores: deps.stores, bus }),
    freshness,
    portfolio,
    value: createValueService({ stores: deps.stores, now }),
    /** Writes what is still buffered (search demand). */
    close: () => portfolio.close(),
  };
}
export type Program = ReturnType<typeof createProgram>;

