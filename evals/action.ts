import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadMatchingDataset } from './dataset/matching.js';
import { loadProfileDataset } from './dataset/profiles.js';
import { pairTargets } from './gate/align.js';
import { judgeRun } from './gate/verdict.js';
import type { EvalOptions } from './lib/args.js';
import { loadEvalConfig, type EvalConfig } from './lib/config.js';
import type { Logger } from './lib/logger.js';
import { DEFAULT_CONFIG, REPO_ROOT, displayPath } from './lib/paths.js';
import type { EvalTarget } from './providers/index.js';
import { htmlReport } from './report/html.js';
import { terminalReport } from './report/terminal.js';
import { runTarget } from './runner/run-target.js';
import { gitState } from './store/git.js';
import { RUN_FORMAT, loadRunFile, type RunFile, type RunTarget } from './store/run-file.js';
import { newRunId, resolveBaseline, writeRunFile } from './store/runs.js';

/** The config as stored in a run: paths relative to the repo, so a committed baseline reads the same anywhere. */
function portableConfig(config: EvalConfig): unknown {
  return {
    ...config,
    file: displayPath(config.file),
    datasets: { profiles: displayPath(config.datasets.profiles), matching: config.datasets.matching && displayPath(config.datasets.matching) },
    providers: { ...config.providers, replay: { recordings: config.providers.replay.recordings.map(displayPath) } },
    matching: { ...config.matching, vectorCacheDir: displayPath(config.matching.vectorCacheDir) },
    runsDir: displayPath(config.runsDir),
    cacheDir: displayPath(config.cacheDir),
  };
}

function progress(log: Logger, target: EvalTarget) {
  return (done: number, of: number, result: RunTarget['cases'][number]) => {
    const s = result.samples.at(-1)!;
    const status = s.error !== undefined ? `✗ ${s.error}` : Object.values(s.scores).every((r) => r.pass) ? '✓' : '✗ check failed';
    const time = s.cached ? 'cached' : s.latencyMs === null ? '' : `${(s.latencyMs / 1000).toFixed(1)} s`;
    log.progress(`[${target.label}] ${done}/${of} ${result.id} ${status} ${time}`.trimEnd());
  };
}

/**
 * `npm run eval`: load config and datasets, run every target (and the matching set), judge against the
 * baseline and thresholds, store the run with its reports. Returns the exit code (0 holds, 1 regressed);
 * usage problems throw UsageError before any model is called where possible.
 */
export async function runEval(options: EvalOptions, log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const config = loadEvalConfig(options.config ? path.resolve(options.config) : DEFAULT_CONFIG);
  const profiles = loadProfileDataset(options.dataset ? path.resolve(options.dataset) : config.datasets.profiles);
  const matchingData = config.datasets.matching ? loadMatchingDataset(config.datasets.matching) : null;
  const repeat = options.repeat ?? config.repeat;
  await mkdir(config.runsDir, { recursive: true });
  // A baseline named by path is checked before anything slow loads; "latest" needs the target labels.
  const named = options.baseline && options.baseline !== 'latest' ? resolveBaseline(options.baseline, config.runsDir, []) : null;
  const namedRun = named ? loadRunFile(named, 'baseline') : null;

  // The providers (model clients, the extractive drafter) and LanceDB load only once the inputs are valid.
  const { createTargets } = await import('./providers/index.js');
  const targets = await createTargets(options, config, env);
  const labels = targets.map((t) => t.label);
  let baseline: { file: string; run: RunFile; pairs: Map<string, RunTarget> } | null = null;
  if (options.baseline) {
    const file = named ?? resolveBaseline(options.baseline, config.runsDir, labels);
    const run = namedRun ?? loadRunFile(file, 'baseline');
    baseline = { file: displayPath(file), run, pairs: pairTargets(labels, run) };
  }

  log.progress(`running ${profiles.cases.length} cases × ${repeat} on ${targets.map((t) => t.label).join(', ')}…`);
  const results: RunTarget[] = [];
  for (const target of targets) {
    const onCase = target.provider === 'ollama' ? progress(log, target) : undefined;
    results.push(await runTarget(target, profiles.cases, { repeat, scorers: config.scorers, scorerOptions: config.scorerOptions, onCase }));
  }
  const { runMatching } = await import('./runner/matching.js');
  const matching = matchingData
    ? await runMatching(matchingData, { k: config.matching.k, vectorCacheDir: env.VOUCH_VECTOR_CACHE ?? config.matching.vectorCacheDir, onProgress: (m) => log.progress(m) })
    : null;

  const verdict = judgeRun({ targets: results, matching, baseline, cases: profiles.cases, queries: matchingData?.queries ?? [], config });
  const dataset = (d: { path: string; sha256: string }, size: number) => ({ path: displayPath(d.path), sha256: d.sha256, size });
  const run: RunFile = {
    format: RUN_FORMAT,
    id: newRunId(options.provider),
    createdAt: new Date().toISOString(),
    git: gitState(REPO_ROOT),
    options: { ...options, repeat },
    config: portableConfig(config),
    datasets: {
      profiles: dataset(profiles, profiles.cases.length),
      matching: matchingData ? dataset(matchingData, matchingData.queries.length) : null,
    },
    targets: results,
    matching,
    gate: verdict,
  };
  const jsonFile = await writeRunFile(config.runsDir, run);
  const htmlFile = jsonFile.replace(/\.json$/, '.html');
  await writeFile(htmlFile, htmlReport({ run, verdict, gate: config.gate, cases: profiles.cases, baseline }));
  let savedBaseline: string | undefined;
  if (options.saveBaseline) {
    const target = path.resolve(options.saveBaseline);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(jsonFile, target);
    savedBaseline = displayPath(target);
  }
  const files = { json: displayPath(jsonFile), html: displayPath(htmlFile), savedBaseline };
  for (const line of terminalReport(run, verdict, config.gate, files)) log.info(line);
  return verdict.passed ? 0 : 1;
}
