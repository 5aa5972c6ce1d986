/**
 * The vendor's product catalogue (passed in by the server) turned into matchers: "Lumen Scheduler" is found
 * as "lumen scheduler", "Lumen-Scheduler", "LumenScheduler", and, once the brand is known, as "Scheduler"
 * on its own (capitalised, and not inside another name such as "Gartner Peer Insights").
 */

export interface Product {
  name: string;
  patterns: RegExp[];
}

export interface Catalogue {
  products: Product[];
  /** First word shared by two or more catalogue names, e.g. "Lumen". */
  vendor?: string;
}

export interface ProductMention {
  name: string;
  start: number;
  end: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function findVendor(names: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const name of names) {
    const first = name.trim().split(/\s+/)[0];
    if (first && name.trim().includes(' ')) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] >= 2 ? best[0] : undefined;
}

export function buildCatalogue(names: string[] = []): Catalogue {
  const clean = [...new Set(names.map((n) => n.trim()).filter(Boolean))];
  const vendor = findVendor(clean);
  const products = clean.map((name) => {
    const words = name.split(/\s+/).map(escape);
    const patterns = [new RegExp(`(?<![\\p{L}\\p{N}])${words.join('[\\s-]?')}(?![\\p{L}\\p{N}])`, 'giu')];
    const rest = vendor && name.startsWith(`${vendor} `) ? name.slice(vendor.length + 1) : '';
    if (/^\p{Lu}/u.test(rest)) {
      // The bare product word counts only when capitalised and not preceded by another capitalised word.
      // The lookahead first, so the variable-length lookbehind only runs where the word actually is.
      const word = escape(rest);
      patterns.push(new RegExp(`(?=${word})(?<!\\p{Lu}[\\p{L}\\p{M}'’-]*\\s+)(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'gu'));
    }
    return { name, patterns };
  });
  return { products, vendor };
}

/** Every catalogue product mentioned in the text, in order of position. */
export function findProductMentions(catalogue: Catalogue, text: string): ProductMention[] {
  const mentions: ProductMention[] = [];
  for (const product of catalogue.products) {
    for (const pattern of product.patterns) {
      for (const m of text.matchAll(pattern)) mentions.push({ name: product.name, start: m.index, end: m.index + m[0].length });
    }
  }
  // The full name and its bare alias overlap ("Lumen Scheduler" / "Scheduler"): keep the longer one.
  mentions.sort((a, b) => a.start - b.start || b.end - a.end);
  return mentions.filter((m, i) => !mentions.slice(0, i).some((o) => o.start <= m.start && m.end <= o.end));
}
