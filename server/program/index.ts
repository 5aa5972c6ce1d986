import type { Config } from '../config.js';
import { WINDOW_DAYS } from '../domain/burnout.js';
import type { EventBus } from '../events.js';
import type { Stores } from '../store/index.js';
import { createAdvocateProgramService } from './advocates.js';
import { createLoadProvider } from './loads.js';
import { createRequestService } from './requests.js';

/**
 * The advocacy program: burnout protection (loads), the request workflow and per-advocate settings.
 * Request events go out on the shared bus; /ws delivers each only to the people it concerns
 * (domain/events.ts#mayReceive).
 */
export function createProgram(deps: {
  stores: Stores;
  bus: EventBus;
  burnout: Config['burnout'];
  now?: () => Date;
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
  return {
    loads,
    overcap: deps.burnout.overcap,
    requests: createRequestService({ stores: deps.stores, bus, loads, now }),
    advocates: createAdvocateProgramService({ stores: deps.stores, loads, onConsentChanged: deps.onConsentChanged }),
  };
}
export type Program = ReturnType<typeof createProgram>;

