import { PROFILE_FIELD_NAMES } from '../../server/domain/profile.js';
import type { ProfileCase } from '../dataset/profiles.js';
import type { GateVerdict } from '../gate/verdict.js';
import type { GateRules } from '../lib/config.js';
import { METRICS, formatMetric } from '../lib/metrics.js';
import type { RunFile, RunTarget } from '../store/run-file.js';
import { shownMetrics, summaryLine, targetViews, valueWithDelta } from './format.js';
import { casesHtml } from './html-cases.js';
import { esc } from './html-escape.js';

const STYLE = `body{font:14px/1.45 system-ui,sans-serif;margin:1.5rem;color:#1d1d1f}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #ddd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f4f6}.bad{color:#b00020}.ok{color:#17743a}.muted{color:#666}.tag{background:#eef;border-radius:3px;padding:0 .3rem;font-size:12px}
pre{white-space:pre-wrap;word-break:break-word;max-height:28rem;overflow:auto;background:#fafafa;padding:.4rem;margin:0;font-size:12px}
table.side{width:100%;table-layout:fixed}details{border-top:1px solid #ddd;padding:.4rem 0}ul.checks{padding-left:1rem;margin:.2rem 0;font-size:12px}
.verdict{font-weight:600;padding:.5rem;border:2px solid}.verdict.bad{border-color:#b00020}.verdict.ok{border-color:#17743a}`;

function metricsTable(run: RunFile, verdict: GateVerdict, gate: GateRules): string {
  const views = targetViews(run, verdict);
  const base = views.find((v) => v.baseline);
  const head = `<tr><th>metric</th>${base ? `<th>baseline ${esc(base.baselineLabel)}</th>` : ''}${views.map((v) => `<th>${esc(v.target.label)}</th>`).join('')}</tr>`;
  const rows = shownMetrics(views).map((m) => {
    const cells = views.map((v) => `<td class="${v.failed.has(m) ? 'bad' : ''}">${esc(valueWithDelta(m, v.metrics[m], v.baseline?.[m]))}${v.failed.has(m) ? ' ✗' : ''}</td>`);
    const gated = gate[m] ? ` <span class="muted">(gated, tolerance ${esc(gate[m]!.tolerance)})</span>` : '';
    return `<tr><td>${esc(METRICS[m].label)}${gated}</td>${base ? `<td>${esc(formatMetric(m, base.baseline?.[m]))}</td>` : ''}${cells.join('')}</tr>`;
  });
  return `<table>${head}${rows.join('')}</table>`;
}

function fieldsTable(targets: RunTarget[]): string {
  const head = `<tr><th>field</th>${targets.map((t) => `<th>${esc(t.label)}<br><span class="muted">F1 · precision · recall</span></th>`).join('')}</tr>`;
  const rows = PROFILE_FIELD_NAMES.filter((f) => targets.some((t) => t.fields[f])).map((f) => {
    const cells = targets.map((t) => {
      const p = t.fields[f];
      return `<td>${p ? esc(`${p.f1.toFixed(2)} · ${p.precision.toFixed(2)} · ${p.recall.toFixed(2)}`) : '—'}</td>`;
    });
    return `<tr><td>${esc(f)}</td>${cells.join('')}</tr>`;
  });
  return `<table>${head}${rows.join('')}</table>`;
}

function matchingTable(run: RunFile): string {
  const m = run.matching;
  if (!m) return '';
  const rows = m.queries.map((q) => `<tr><td>${esc(q.id)}</td><td>${esc(q.ranked.join(', '))}</td><td>${q.ndcg.toFixed(3)}</td><td>${q.recall.toFixed(3)}</td></tr>`);
  return `<h2>Matching</h2><p>${esc(m.embedder)} · nDCG@${m.k} ${esc(formatMetric('matchingNdcg5', m.metrics.matchingNdcg5))} · recall@${m.k} ${esc(formatMetric('matchingRecall5', m.metrics.matchingRecall5))}</p>
<table><tr><th>prospect</th><th>ranked advocates</th><th>nDCG@${m.k}</th><th>recall@${m.k}</th></tr>${rows.join('')}</table>`;
}

export interface HtmlInput {
  run: RunFile;
  verdict: GateVerdict;
  gate: GateRules;
  cases: ProfileCase[];
  baseline: { run: RunFile; pairs: Map<string, RunTarget> } | null;
}

/** A self-contained page (no scripts, no external assets); every dynamic value is escaped. */
export function htmlReport({ run, verdict, gate, cases, baseline }: HtmlInput): string {
  const git = run.git.revision ? `${run.git.revision.slice(0, 12)}${run.git.dirty ? ' + uncommitted changes' : ''}` : 'unknown';
  const findings = verdict.findings.map((f) => `<li class="bad">${esc(f.message)}</li>`).join('');
  const prompts = run.targets.filter((t) => t.prompt).map((t) => `${t.label}: ${t.prompt!.id}@${t.prompt!.version} (sha256 ${t.prompt!.sha256.slice(0, 12)})`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Vouch eval ${esc(run.id)}</title><style>${STYLE}</style></head><body>
<h1>Vouch eval ${esc(run.id)}</h1>
<p class="muted">git ${esc(git)} · dataset ${esc(run.datasets.profiles.path)} (${run.datasets.profiles.size} cases) · repeat ${esc(run.options.repeat)}${prompts.length ? ` · ${esc(prompts.join('; '))}` : ''}</p>
<p class="verdict ${verdict.passed ? 'ok' : 'bad'}">${esc(summaryLine(verdict))}</p>${findings ? `<ul>${findings}</ul>` : ''}
<h2>Metrics</h2>${metricsTable(run, verdict, gate)}
<h2>Fields</h2>${fieldsTable(run.targets)}
${matchingTable(run)}
${casesHtml(run, cases, baseline?.run ?? null, baseline?.pairs ?? null)}
</body></html>
`;
}
