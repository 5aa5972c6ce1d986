import { computeLoad, policyFor, type AdvocateLoad, type BurnoutPolicy } from '../domain/burnout.js';
import type { AdvocateProgramStore, RequestStore } from '../store/requests.js';

/**
 * Burnout load of advocates from the records: completed engagements and open commitments (requests store)
 * and each advocate's own cap (program store), through the pure rules in domain/burnout.ts.
 */
export function createLoadProvider(deps: {
  requests: RequestStore;
  program: AdvocateProgramStore;
  defaults: BurnoutPolicy;
  now: () => Date;
}) {
  const { requests, program, defaults } = deps;
  const loadsFor = (advocateIds: string[]): Map<string, AdvocateLoad> => {
    const ids = [...new Set(advocateIds)];
    const engagements = requests.engagementsOf(ids);
    const caps = program.capsOf(ids);
    const now = deps.now();
    return new Map(
      ids.map((id) => [id, computeLoad(engagements.get(id) ?? { engagements: [] }, policyFor(defaults, caps.get(id)), now)]),
    );
  };
  return {
    defaults,
    loadsFor,
    loadOf: (advocateId: string): AdvocateLoad => loadsFor([advocateId]).get(advocateId)!,
  };
}
export type LoadProvider = ReturnType<typeof createLoadProvider>;
