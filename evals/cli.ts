/**
 * `npm run eval -- --provider ollama|extractive|replay [options]` (run with --help for all of them).
 * Exit codes, which scripts and CI rely on: 0 every gated metric holds, 1 a regression or a failed
 * threshold, 2 a usage or config error (with the reason on stderr).
 */
import { USAGE, parseEvalArgs, type EvalOptions } from './lib/args.js';
import { UsageError } from './lib/errors.js';
import { consoleLogger as log } from './lib/logger.js';

async function main(argv: string[]): Promise<number> {
  let options: EvalOptions | null;
  try {
    options = parseEvalArgs(argv);
  } catch (err) {
    log.error(`eval: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (!options) {
    log.info(USAGE);
    return 0;
  }
  try {
    // LanceDB's Rust core reads LANCEDB_LOG when it loads (as in server/main.ts): set it before importing it.
    process.env.LANCEDB_LOG ??= 'error';
    const { runEval } = await import('./action.js');
    return await runEval(options, log);
  } catch (err) {
    if (err instanceof UsageError) {
      log.error(`eval: ${err.message}`);
      return 2;
    }
    // Not a regression either: a bug or a broken environment. Exit 2 so CI does not read it as "worse".
    log.error(`eval failed unexpectedly: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return 2;
  }
}

process.exitCode = await main(process.argv.slice(2));
