import type { ProfileCase } from '../dataset/profiles.js';
import type { RunCase, RunFile, RunTarget } from '../store/run-file.js';
import { esc, json } from './html-escape.js';

/** Per case, side by side: notes, gold and forbidden facts, then each target's output and its failing checks. */
function sampleCell(label: string, c: RunCase | undefined): string {
  if (!c) return `<td><h4>${esc(label)}</h4><p class="muted">not run</p></td>`;
  const sample = c.samples.find((s) => Object.values(s.scores).some((r) => !r.pass)) ?? c.samples[0];
  const checks = Object.entries(sample.scores)
    .map(([name, r]) => `<li class="${r.pass ? 'ok' : 'bad'}"><b>${esc(name)}</b> ${r.score.toFixed(2)} — ${esc(r.reason)}</li>`)
    .join('');
  const repeats = c.samples.length > 1 ? ` · ${c.samples.length} repeats, stability ${c.stability?.toFixed(2) ?? '—'}` : '';
  const meta = `${sample.latencyMs === null ? '' : `${Math.round(sample.latencyMs)} ms`}${sample.cached ? ' · cached' : ''}${repeats}`;
  const body = sample.error !== undefined ? `<p class="bad">${esc(sample.error)}</p>` : `<pre>${json(sample.output)}</pre>`;
  return `<td><h4>${esc(label)}</h4><p class="muted">${esc(meta)}</p><ul class="checks">${checks}</ul>${body}</td>`;
}

function caseSection(testCase: ProfileCase, columns: { label: string; target: RunTarget }[]): string {
  const results = columns.map((col) => col.target.cases.find((c) => c.id === testCase.id));
  const failing = results.some((c) => c?.samples.some((s) => Object.values(s.scores).some((r) => !r.pass)));
  const tags = testCase.tags.map((t) => `<span class="tag">${esc(t)}</span>`).join(' ');
  return `<details${failing ? ' open' : ''} id="case-${esc(testCase.id)}">
<summary><b>${esc(testCase.id)}</b> ${failing ? '<span class="bad">✗</span>' : '<span class="ok">✓</span>'} ${esc(testCase.description)} ${tags}</summary>
<table class="side"><tr>
<td><h4>notes (as the drafter saw them)</h4><pre class="notes">${esc(testCase.text)}</pre></td>
<td><h4>gold</h4><pre>${json(testCase.gold)}</pre><h4>must not appear</h4><pre>${json(testCase.forbidden)}</pre></td>
${columns.map((col, i) => sampleCell(col.label, results[i])).join('\n')}
</tr></table></details>`;
}

export function casesHtml(run: RunFile, cases: ProfileCase[], baseline: RunFile | null, pairs: Map<string, RunTarget> | null): string {
  const baselineTargets = new Map<string, RunTarget>();
  for (const t of run.targets) {
    const b = pairs?.get(t.label);
    if (b) baselineTargets.set(b.label, b);
  }
  const columns = [
    ...[...baselineTargets.values()].map((target) => ({ label: `baseline ${target.label}`, target })),
    ...run.targets.map((target) => ({ label: target.label, target })),
  ];
  const note = baseline ? '<p class="muted">Baseline checks are as stored in the baseline file; the gate re-scores its outputs with today’s scorers.</p>' : '';
  return `<h2>Cases</h2>${note}\n${cases.map((c) => caseSection(c, columns)).join('\n')}`;
}
