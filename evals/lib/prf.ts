/** What one field's comparison found: drafted items (and how many matched gold), gold items (and how many were found). */
export interface FieldCounts {
  pred: number;
  predMatched: number;
  gold: number;
  goldMatched: number;
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

/**
 * Precision: share of drafted items that match gold (1 when nothing was drafted: an empty field says
 * nothing wrong). Recall: share of gold items found (1 when the gold is empty). F1: their harmonic mean.
 */
export function prf(c: FieldCounts): Prf {
  const precision = c.pred === 0 ? 1 : c.predMatched / c.pred;
  const recall = c.gold === 0 ? 1 : c.goldMatched / c.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

export function addCounts(a: FieldCounts, b: FieldCounts): FieldCounts {
  return { pred: a.pred + b.pred, predMatched: a.predMatched + b.predMatched, gold: a.gold + b.gold, goldMatched: a.goldMatched + b.goldMatched };
}

export const ZERO_COUNTS: FieldCounts = { pred: 0, predMatched: 0, gold: 0, goldMatched: 0 };
