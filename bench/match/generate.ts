/**
 * Seeded generator of synthetic but realistic approved advocates (the ProfileFields a reviewer approves)
 * and of prospect descriptions as reps type them. Same seed → same profiles and queries, so runs compare.
 */
import type { Advocate } from '../../server/domain/advocate.js';
import { ACTIVITIES, type Activity } from '../../server/domain/profile.js';
import { COMPANY_SIZES, INDUSTRIES, QUOTES, type IndustryVocab } from './vocab-industries.js';
import { NAMES, PLACES, type Place } from './vocab-places.js';

/** mulberry32: small, fast, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: Rand, p: number) => r() < p;

function weighted<T extends { weight: number }>(r: Rand, list: readonly T[]): T {
  const total = list.reduce((s, x) => s + x.weight, 0);
  let x = r() * total;
  for (const item of list) if ((x -= item.weight) < 0) return item;
  return list[list.length - 1];
}

/** Up to `max` distinct items, earlier ones more likely (the main product is listed first). */
function some<T>(r: Rand, list: readonly T[], min: number, max: number): T[] {
  const k = Math.min(int(r, min, max), list.length);
  const out: T[] = [];
  while (out.length < k) {
    const item = list[Math.min(list.length - 1, Math.floor(list.length * r() * r() * 1.5))];
    if (!out.includes(item)) out.push(item);
  }
  return out;
}

function fill(r: Rand, template: string, vars: Record<string, string> = {}): string {
  const a = /days|hours|weeks/.test(template) ? int(r, 5, 20) : int(r, 12, 60);
  const b = int(r, 2, Math.max(3, Math.floor(a * 0.6)));
  return template
    .replace(/\{a\}/g, String(a))
    .replace(/\{p\}/g, String(int(r, 85, 99)))
    .replace(/\{b\}/g, String(b))
    .replace(/\{weeks\}/g, String(int(r, 3, 14)))
    .replace(/\{(\w+)\}/g, (m, key: string) => vars[key] ?? m);
}

/** A UUID-shaped, seed-stable id. */
export const benchId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;

export function generateAdvocate(r: Rand, i: number): Advocate {
  const industry = weighted(r, INDUSTRIES);
  const place = weighted(r, PLACES);
  const kind = pick(r, industry.kinds);
  const names = NAMES[place.names];
  const city = pick(r, place.cities);
  const products = some(r, industry.products, 1, 3);
  const useCases = some(r, industry.useCases, 1, 3);
  const outcomes = some(r, industry.outcomes, 1, 3).map((t) => fill(r, t));
  const quotes = Array.from({ length: int(r, 0, 2) }, () =>
    fill(r, pick(r, QUOTES), { product: products[0], useCase: useCases[0], outcome: outcomes[0], kind }),
  );
  const label = pick(r, industry.labels);
  const status = r() < 0.88 ? 'active' : r() < 0.67 ? 'resting' : 'retired';
  const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
  return {
    id: benchId(i),
    version: 1,
    status,
    consent: { state: 'granted', source: 'bench', recordedBy: null, recordedAt: at },
    evidence: [],
    createdAt: at,
    updatedAt: at,
    name: `${pick(r, names.first)} ${pick(r, names.last)}`,
    title: pick(r, industry.titles),
    company: `${pick(r, place.prefixes)} ${pick(r, industry.nameSuffixes)}`,
    industry: chance(r, 0.4) ? `${label} (${kind})` : label,
    region: regionField(r, place, city),
    companySize: chance(r, 0.85) ? pick(r, COMPANY_SIZES) : '',
    languages: place.languages.filter((l, k) => k === 0 || chance(r, 0.7)),
    products,
    useCases,
    outcomes,
    quotes,
    activities: some(r, ACTIVITIES as readonly Activity[], 1, 4),
  };
}

function regionField(r: Rand, place: Place, city: string): string {
  const x = r();
  if (x < 0.5) return city === place.country ? city : `${city}, ${place.country}`;
  if (x < 0.85) return place.country;
  return city;
}

export function generateAdvocates(n: number, seed = 42): Advocate[] {
  const r = rng(seed);
  return Array.from({ length: n }, (_, i) => generateAdvocate(r, i));
}

const SIZE_WORDS = ['small', 'mid-size', 'large', 'fast-growing', 'family-owned', 'global', ''];
const EVALUATING = ['evaluating', 'looking at', 'considering', 'comparing us with a competitor for', 'interested in'];

/** One prospect description, drawn from the same world as the advocates but worded the way reps write. */
function prospect(r: Rand): string {
  const industry: IndustryVocab = weighted(r, INDUSTRIES);
  const place = weighted(r, PLACES);
  const kind = pick(r, industry.kinds);
  const where = chance(r, 0.5) ? place.country : pick(r, [...place.areas, pick(r, place.cities)]);
  const size = pick(r, SIZE_WORDS);
  const a = `${size ? `${size} ` : ''}${kind}`;
  switch (int(r, 0, 5)) {
    case 0:
      return `${a} in ${where}, ${pick(r, industry.concerns)}`;
    case 1:
      return `${a} in ${where} ${pick(r, EVALUATING)} ${pick(r, industry.products)} for ${pick(r, industry.useCases)}`;
    case 2:
      return `${pick(r, industry.titles)} at a ${kind} in ${where}; ${pick(r, industry.concerns)}`;
    case 3:
      return `${pick(r, industry.products)} reference for a ${kind}, ideally ${pick(r, place.languages)}-speaking`;
    case 4:
      return `${pick(r, industry.labels).toLowerCase()} prospect in ${where}: ${pick(r, industry.concerns)}, needs ${pick(r, industry.useCases)}`;
    default:
      return `${a} ${pick(r, industry.concerns)} and wants a peer who achieved ${fill(r, pick(r, industry.outcomes))}`;
  }
}

export function generateQueries(n: number, seed = 7): string[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => prospect(r));
}
