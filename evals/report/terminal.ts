import type { GateVerdict } from '../gate/verdict.js';
import type { GateRules } from '../lib/config.js';
import { METRICS, formatMetric } from '../lib/metrics.js';
import { PROFILE_FIELD_NAMES } from '../../server/domain/profile.js';
import type { RunFile } from '../store/run-file.js';
import { clip, shownMetrics, summaryLine, targetViews, valueWithDelta } from './format.js';

export interface ReportFiles {
  json: string;
  html: string;
  savedBaseline?: string;
}

function table(rows: string[][]): string[] {
  const widths = rows[0].map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)));
  return rows.map((r) => r.map((cell, col) => (col === r.length - 1 ? cell : cell.padEnd(widths[col]))).join('  ').trimEnd());
}

/** The run as text: metrics matrix, per-field figures, matching, failing cases, the gate's verdict. */
export function terminalReport(run: RunFile, verdict: GateVerdict, gate: GateRules, files: ReportFiles): string[] {
  const views = targetViews(run, verdict);
  const repeat = Number(run.options.repeat ?? 1);
  const git = run.git.revision ? `git ${run.git.revision.slice(0, 7)}${run.git.dirty ? ' + uncommitted changes' : ''}` : 'no git revision';
  const out: string[] = [
    `Vouch eval ${run.id} · ${git}`,
    `dataset ${run.datasets.profiles.path} (${run.datasets.profiles.size} cases × ${repeat})${verdict.baseline ? ` · baseline ${verdict.baseline}` : ''}`,
    '',
  ];

  const withBaseline = views.find((v) => v.baseline);
  const header = ['metric (* gated)', ...(withBaseline ? [`baseline ${withBaseline.baselineLabel}`] : []), ...views.map((v) => v.target.label)];
  const rows = shownMetrics(views).map((m) => [
    `${METRICS[m].label}${gate[m] ? ' *' : ''}`,
    ...(withBaseline ? [formatMetric(m, withBaseline.baseline?.[m])] : []),
    ...views.map((v) => `${valueWithDelta(m, v.metrics[m], v.baseline?.[m])}${v.failed.has(m) ? ' ✗' : ''}`),
  ]);
  out.push(...table([header, ...rows]), '');

  const fieldRows = PROFILE_FIELD_NAMES.filter((f) => views.some((v) => v.target.fields[f])).map((f) => [
    f,
    ...views.map((v) => {
      const p = v.target.fields[f];
      return p ? `${p.f1.toFixed(2)} (P ${p.precision.toFixed(2)} R ${p.recall.toFixed(2)})` : '—';
    }),
  ]);
  if (fieldRows.length > 0) out.push(...table([['field F1 (precision, recall)', ...views.map((v) => v.target.label)], ...fieldRows]), '');

  if (run.matching) {
    const m = verdict.matching;
    const cur = m?.current ?? run.matching.metrics;
    const failed = verdict.findings.filter((f) => f.target === 'matching').map((f) => f.metric);
    const delta = (name: 'matchingNdcg5' | 'matchingRecall5') => valueWithDelta(name, cur[name], m?.baseline?.[name]);
    out.push(
      `matching (${run.matching.queries.length} prospects, ${run.matching.embedder}): nDCG@${run.matching.k} ${delta('matchingNdcg5')} · recall@${run.matching.k} ${delta('matchingRecall5')}${failed.length ? ' ✗' : ''}${m?.note ? ` · ${m.note}` : ''}`,
      '',
    );
  }

  for (const v of views) {
    const failing = v.target.cases.filter((c) => c.samples.some((s) => Object.values(s.scores).some((r) => !r.pass)));
    if (failing.length === 0) continue;
    out.push(`${v.target.label}: ${failing.length} of ${v.target.cases.length} cases with a failing check`);
    for (const c of failing.slice(0, 8)) {
      const sample = c.samples.find((s) => Object.values(s.scores).some((r) => !r.pass))!;
      const reasons = Object.entries(sample.scores).filter(([, r]) => !r.pass).map(([name, r]) => `${name}: ${r.reason}`);
      out.push(`  ✗ ${c.id}: ${clip(reasons.join(' | '), 220)}`);
    }
    if (failing.length > 8) out.push(`  … and ${failing.length - 8} more (see the HTML report)`);
    out.push('');
  }

  for (const a of verdict.targets) {
    const note = [a.changed.length ? `${a.changed.length} changed` : '', a.onlyInRun.length ? `${a.onlyInRun.length} new` : '', a.onlyInBaseline.length ? `${a.onlyInBaseline.length} only in baseline` : '']
      .filter(Boolean)
      .join(', ');
    out.push(`${a.target} vs ${a.baselineTarget}: ${a.compared} cases compared${note ? ` (${note}: not compared)` : ''}`);
    if (a.worsened.length) out.push(`  worse: ${a.worsened.slice(0, 10).map((d) => `${d.id} ${d.before.toFixed(2)}→${d.after.toFixed(2)}`).join(', ')}`);
    if (a.improved.length) out.push(`  better: ${a.improved.slice(0, 10).map((d) => `${d.id} ${d.before.toFixed(2)}→${d.after.toFixed(2)}`).join(', ')}`);
  }
  if (verdict.targets.length) out.push('');

  for (const f of verdict.findings) out.push(`✗ ${f.message}`);
  // A prompt that held on a real model: the line to record in the prompt file's header (issue 5: prompts say what they were evaluated on).
  for (const v of views.filter((x) => verdict.baseline && x.target.provider === 'ollama' && x.target.prompt && x.failed.size === 0)) {
    const { prompt, model, modelDigest } = v.target;
    const f1 = v.metrics.fieldF1 === null || v.metrics.fieldF1 === undefined ? '' : ` fieldF1=${v.metrics.fieldF1.toFixed(3)}`;
    out.push(`✓ ${prompt!.id}@${prompt!.version} holds on ${model}: add "${model}@${(modelDigest ?? 'unknown').slice(0, 12)}${f1}" to evaluated_on in prompts/${prompt!.id}.md`);
  }
  out.push(`report ${files.html}`, `run    ${files.json}${files.savedBaseline ? `\nbaseline written to ${files.savedBaseline}` : ''}`);
  out.push(summaryLine(verdict));
  return out;
}
