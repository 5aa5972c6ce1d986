import type { Advocate } from '../domain/advocate.js';
import type { MatchRecords } from './service.js';

/**
 * Fixed advocates held in memory as the records matching reads: for the eval runner and the quality
 * benchmark, which rank judged sets without a database. Every advocate counts as consenting when its
 * consent says so, exactly as the store would report it.
 */
export function memoryRecords(list: Iterable<Advocate>): MatchRecords {
  const byId = new Map([...list].map((a) => [a.id, a]));
  const consenting = (a: Advocate) => a.consent.state === 'granted';
  return {
    getMany: async (ids) => new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : []))),
    versionsNow: async () => [...byId.values()].map((a) => ({ id: a.id, version: a.version, consenting: consenting(a), markedIndexed: false })),
    needingIndex: async () => [...byId.values()],
    markIndexed: async () => {},
    changedSince: async (since) =>
      [...byId.values()].filter((a) => a.updatedAt >= since).map((a) => ({ id: a.id, version: a.version, consenting: consenting(a), erased: false, updatedAt: a.updatedAt })),
    lastErasedAt: async () => null,
  };
}
