import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UsageError } from '../lib/errors.js';
import { displayPath } from '../lib/paths.js';
import { issueLines } from '../lib/zod-issues.js';
import { loadRunFile, type PromptRef } from '../store/run-file.js';
import type { DraftSample, EvalTarget } from './types.js';

/**
 * Recorded outputs, scored as if a model had just produced them: a run file (evals/runs/<id>.json, with
 * `#<target label>` when it has several targets) or a .jsonl with one output per line:
 *   {"case": "retail-uk", "output": {...ProfileFields...}, "latencyMs": 5120, "usage": {"completionTokens": 412}}
 *   {"case": "bank-sg", "error": "timeout: Ollama sent nothing for 180 s"}
 */
const RecordedLine = z
  .object({
    case: z.string().min(1),
    repeat: z.number().int().min(0).default(0),
    output: z.unknown().optional(),
    error: z.string().optional(),
    latencyMs: z.number().nullable().default(null),
    usage: z.object({ promptTokens: z.number().optional(), completionTokens: z.number().optional(), evalDurationMs: z.number().optional() }).optional(),
    inputSha: z.string().optional(),
  })
  .strict()
  .refine((l) => (l.output === undefined) !== (l.error === undefined), 'give exactly one of "output" or "error"');

interface Recording {
  model: string;
  prompt: PromptRef | null;
  /** case id → the notes' hash it was recorded for (when known) and samples by repeat. */
  cases: Map<string, { inputSha?: string; samples: Map<number, DraftSample> }>;
}

function fromRunFile(file: string, label: string | undefined): Recording {
  const run = loadRunFile(file, 'recording');
  const labels = run.targets.map((t) => t.label);
  const target = label ? run.targets.find((t) => t.label === label) : run.targets.length === 1 ? run.targets[0] : undefined;
  if (!target) {
    throw new UsageError(`${displayPath(file)}: ${label ? `no target "${label}"` : 'several targets'}; name one as ${displayPath(file)}#<label> (${labels.join(', ')})`);
  }
  const cases = new Map(
    target.cases.map((c) => [c.id, { inputSha: c.inputSha, samples: new Map(c.samples.map((s) => [s.repeat, { ...s, cached: true }])) }]),
  );
  return { model: target.model, prompt: target.prompt, cases };
}

function fromJsonl(file: string): Recording {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`cannot read recording ${displayPath(file)}`);
  }
  const cases: Recording['cases'] = new Map();
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (err) {
      throw new UsageError(`${displayPath(file)}:${i + 1}: not valid JSON (${(err as Error).message})`);
    }
    const parsed = RecordedLine.safeParse(json);
    if (!parsed.success) throw new UsageError(`${displayPath(file)}:${i + 1}: invalid recorded output\n${issueLines(parsed.error)}`);
    const l = parsed.data;
    const entry = cases.get(l.case) ?? { inputSha: l.inputSha, samples: new Map() };
    entry.samples.set(l.repeat, { output: l.output ?? null, error: l.error, latencyMs: l.latencyMs, usage: l.usage, cached: true });
    cases.set(l.case, entry);
  });
  return { model: path.basename(file), prompt: null, cases };
}

const missing = (error: string): DraftSample => ({ output: null, error: `replay: ${error}`, latencyMs: null, cached: true });

export function createReplayTargets(specs: string[]): EvalTarget[] {
  return specs.map((spec): EvalTarget => {
    const [file, label] = spec.split('#', 2) as [string, string | undefined];
    const resolved = path.resolve(file);
    const recording = resolved.endsWith('.jsonl') ? fromJsonl(resolved) : fromRunFile(resolved, label);
    return {
      label: `replay:${path.basename(file)}${label ? `#${label}` : ''}`,
      provider: 'replay',
      model: recording.model,
      modelDigest: null,
      prompt: recording.prompt,
      draft: async (testCase, repeat) => {
        const recorded = recording.cases.get(testCase.id);
        if (!recorded) return missing('no recorded output for this case');
        if (recorded.inputSha && recorded.inputSha !== testCase.inputSha) return missing('recorded for different notes (the case changed since)');
        return recorded.samples.get(repeat) ?? missing(`no recorded output for repeat ${repeat + 1}`);
      },
    };
  });
}
