import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

export const PROVIDERS = ['ollama', 'extractive', 'replay'] as const;
export type ProviderName = (typeof PROVIDERS)[number];

export interface EvalOptions {
  provider: ProviderName;
  /** Ollama model names, or for replay the recordings (run files or .jsonl); empty = the config's default. */
  models: string[];
  prompt?: { id: string; version?: string };
  dataset?: string;
  baseline?: string;
  repeat?: number;
  cache: boolean;
  config?: string;
  saveBaseline?: string;
}

export const USAGE = `Usage: npm run eval -- --provider ollama|extractive|replay [options]

  --provider P          ollama (a local model), extractive (the embedded no-LLM baseline), replay (recorded outputs)
  --model M[,M2…]       ollama: models to compare in one run (default: config, $VOUCH_MODEL, llama3.2)
                        replay: recordings — run files (evals/runs/….json[#target]) or .jsonl of outputs
  --prompt ID[@VERSION] the prompt in prompts/ (ollama only; @VERSION must be the file's version)
  --dataset PATH        profiles dataset (.jsonl) instead of the config's
  --baseline PATH|latest compare with a run file; exit 1 when a gated metric regresses beyond its tolerance
  --repeat K            run every case K times and report stability (default: config, 1)
  --no-cache            call the model again even when an output is cached (the new output is cached)
  --config PATH         eval config (default evals/vouch-eval.config.json)
  --save-baseline PATH  also write this run to PATH (e.g. evals/baselines/extractive.json)

Exit codes: 0 every gated metric holds · 1 a regression or failed threshold · 2 usage/config error`;

/** `--help` returns null; anything unusable throws UsageError with the reason. */
export function parseEvalArgs(argv: string[]): EvalOptions | null {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        provider: { type: 'string' },
        model: { type: 'string' },
        prompt: { type: 'string' },
        dataset: { type: 'string' },
        baseline: { type: 'string' },
        repeat: { type: 'string' },
        'no-cache': { type: 'boolean' },
        config: { type: 'string' },
        'save-baseline': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (values.help) return null;
  const provider = values.provider as string | undefined;
  if (!provider) throw new UsageError(`--provider is required: ${PROVIDERS.join(', ')}`);
  if (!(PROVIDERS as readonly string[]).includes(provider)) {
    throw new UsageError(`unknown --provider "${provider}": use ${PROVIDERS.join(', ')}`);
  }
  const models = typeof values.model === 'string' ? values.model.split(',').map((m) => m.trim()).filter(Boolean) : [];
  if (typeof values.model === 'string' && models.length === 0) throw new UsageError('--model needs at least one name');
  if (provider === 'extractive' && models.length > 0) throw new UsageError('--model does not apply to --provider extractive (it has no models)');
  if (new Set(models).size !== models.length) throw new UsageError('--model lists the same model twice');

  let prompt: EvalOptions['prompt'];
  if (typeof values.prompt === 'string') {
    const m = /^([a-z0-9][a-z0-9-]*)(?:@([\w.-]+))?$/.exec(values.prompt);
    if (!m) throw new UsageError(`--prompt "${values.prompt}" is not ID or ID@VERSION (e.g. draft-profile@2)`);
    if (provider !== 'ollama') throw new UsageError(`--prompt applies to --provider ollama only (${provider} uses no prompt)`);
    prompt = { id: m[1], version: m[2] };
  }

  let repeat: number | undefined;
  if (typeof values.repeat === 'string') {
    repeat = Number(values.repeat);
    if (!/^\d+$/.test(values.repeat) || repeat < 1 || repeat > 50) throw new UsageError(`--repeat must be a whole number from 1 to 50, got "${values.repeat}"`);
  }
  for (const key of ['dataset', 'baseline', 'config', 'save-baseline'] as const) {
    if (values[key] === '') throw new UsageError(`--${key} needs a value`);
  }
  return {
    provider: provider as ProviderName,
    models,
    prompt,
    dataset: values.dataset as string | undefined,
    baseline: values.baseline as string | undefined,
    repeat,
    cache: !values['no-cache'],
    config: values.config as string | undefined,
    saveBaseline: values['save-baseline'] as string | undefined,
  };
}
