export type Span = { start: number; end: number; strong?: boolean };
export type Segment = { text: string; mark: null | 'weak' | 'strong'; start: number };

/**
 * Slice text into plain and highlighted segments (rendered as text and <mark>, never as HTML).
 * Overlapping spans merge; a "strong" span (the focused list item) wins over a weak one where they overlap.
 */
export function segment(text: string, spans: Span[]): Segment[] {
  const n = text.length;
  const clean = spans
    .map((s) => ({ start: Math.max(0, Math.min(n, s.start)), end: Math.max(0, Math.min(n, s.end)), strong: !!s.strong }))
    .filter((s) => s.end > s.start);
  if (clean.length === 0) return n ? [{ text, mark: null, start: 0 }] : [];

  const bounds = new Set<number>([0, n]);
  for (const s of clean) bounds.add(s.start).add(s.end);
  const points = [...bounds].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const a = points[i];
    const b = points[i + 1];
    let l = 0;
    for (const s of clean) if (s.start <= a && s.end >= b) l = Math.max(l, s.strong ? 2 : 1);
    const mark = l === 2 ? 'strong' : l === 1 ? 'weak' : null;
    const prev = out[out.length - 1];
    if (prev && prev.mark === mark) prev.text += text.slice(a, b);
    else out.push({ text: text.slice(a, b), mark, start: a });
  }
  return out;
}
