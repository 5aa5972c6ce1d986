import { computeLoad, policyFor, type AdvocateLoad, type BurnoutPolicy } from '../domain/burnout.js';
import type { AdvocateProgramStore, RequestStore } from '../store/requests.js';

type LoadStores = { requests: RequestStore; program: AdvocateProgramStore };

/**
 * Burnout load of advocates from the records: completed engagements and open commitments (requests store)
 * and each advocate's own cap (program store), through the pure rules in domain/burnout.ts. Inside a
 * transaction, pass its stores (`from`) so the load is read in it.
 */
export function createLoadProvider(deps: LoadStores & { defaults: BurnoutPolicy; now: () => Date }) {
  const { defaults } = deps;
  const loadsFor = async (advocateIds: string[], from: LoadStores = deps): Promise<Map<string, AdvocateLoad>> => {
    const ids = [...new Set(advocateIds)];
    const engagements = await from.requests.engagementsOf(ids);
    const caps = await from.program.capsOf(ids);
    const now = deps.now();
    return new Map(
      ids.map((id) => [id, computeLoad(engagements.get(id) ?? { engagements: [] }, policyFor(defaults, caps.get(id)), now)]),
    );
  };
  return {
    defaults,
    loadsFor,
    loadOf: async (advocateId: string, from: LoadStores = deps): Promise<AdvocateLoad> => (await loadsFor([advocateId], from)).get(advocateId)!,
  };
}
export type LoadProvider = ReturnType<typeof createLoadProvider>;
