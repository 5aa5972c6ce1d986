import { z } from 'zod';
import { ProfileFields } from '../../server/domain/profile.js';
import { loadPrompt, loadPrompts, type Prompt } from '../../server/llm/prompts.js';
import { checkOllama, createOllamaDrafter } from '../../server/llm/ollama/index.js';
import { UsageError } from '../lib/errors.js';
import { hashOf } from '../lib/hash.js';
import { cachedDraft, type OutputCache } from './cache.js';
import { timedDraft } from './timed-draft.js';
import type { EvalTarget } from './types.js';

export interface OllamaTargetOptions {
  host: string;
  models: string[];
  prompt?: { id: string; version?: string };
  timeoutMs: number;
  maxContextTokens: number;
  cache: OutputCache;
}

/** The prompt the Ollama drafter drafts profiles with (server/llm/ollama/drafter.ts). */
export const DRAFT_PROMPT_ID = 'draft-profile';
/** Part of every cache key: a change to the profile schema changes what the model is asked for. */
const SCHEMA_SHA = hashOf(z.toJSONSchema(ProfileFields));

/** `--prompt ID[@VERSION]` checked against prompts/: the file is evaluated as it is now. */
export function selectPrompt(wanted?: { id: string; version?: string }): Prompt {
  if (wanted && wanted.id !== DRAFT_PROMPT_ID) {
    const ids = loadPrompts().map((p) => p.id);
    throw new UsageError(
      ids.includes(wanted.id)
        ? `prompt "${wanted.id}" does not draft profiles: the Ollama drafter uses prompts/${DRAFT_PROMPT_ID}.md`
        : `no prompt "${wanted.id}" in prompts/ (there is: ${ids.join(', ')})`,
    );
  }
  const prompt = loadPrompt(DRAFT_PROMPT_ID);
  if (wanted?.version !== undefined && wanted.version !== prompt.version) {
    throw new UsageError(
      `prompts/${DRAFT_PROMPT_ID}.md is at version ${prompt.version}, not ${wanted.version}: evals run the prompt file as it is (check out the version you want, or drop @${wanted.version})`,
    );
  }
  return prompt;
}

/** Ollama writes OLLAMA_HOST as "127.0.0.1:11434" as often as "http://…"; accept both. */
export function ollamaHost(env: NodeJS.ProcessEnv = process.env): string {
  const raw = (env.OLLAMA_HOST ?? '').trim() || 'http://127.0.0.1:11434';
  return (/^https?:\/\//i.test(raw) ? raw : `http://${raw}`).replace(/\/+$/, '');
}

const withTag = (name: string) => (name.includes(':') ? name : `${name}:latest`).toLowerCase();

/** Model digests from /api/tags, so a re-pulled model does not reuse the old model's cached outputs. */
async function modelDigests(host: string): Promise<Map<string, string>> {
  try {
    const res = await fetch(`${host}/api/tags`, { signal: AbortSignal.timeout(5000) });
    const body = (await res.json()) as { models?: { name?: string; model?: string; digest?: string }[] };
    return new Map(
      (body.models ?? []).flatMap((m) => (m.digest && (m.name ?? m.model) ? [[withTag((m.name ?? m.model)!), m.digest] as const] : [])),
    );
  } catch {
    return new Map();
  }
}

/**
 * One target per model. Ollama must be up with every model pulled before any case runs: a missing model
 * is a setup problem (exit 2 with the `ollama pull` command), not a regression.
 */
export async function createOllamaTargets(options: OllamaTargetOptions): Promise<EvalTarget[]> {
  const { host, cache, maxContextTokens } = options;
  const prompt = selectPrompt(options.prompt);
  const promptRef = { id: prompt.id, version: prompt.version, sha256: prompt.sha256 };
  for (const model of options.models) {
    const health = await checkOllama({ host, model, timeoutMs: 5000 });
    if (!health.reachable) throw new UsageError(`${health.problem ?? `Ollama is not reachable at ${host}`} (set OLLAMA_HOST if it runs elsewhere)`);
    if (health.problem) throw new UsageError(health.problem);
  }
  const digests = await modelDigests(host);
  return options.models.map((model): EvalTarget => {
    const drafter = createOllamaDrafter({ host, model, timeoutMs: options.timeoutMs, maxContextTokens });
    const digest = digests.get(withTag(model)) ?? null;
    return {
      label: `ollama:${model}`,
      provider: 'ollama',
      model,
      modelDigest: digest,
      prompt: promptRef,
      draft: (testCase, repeat) =>
        cachedDraft(
          cache,
          { prompt: promptRef, model, digest: digest ?? host, input: testCase.inputSha, schema: SCHEMA_SHA, options: { repeat, maxContextTokens } },
          () => timedDraft(drafter, testCase.text),
        ),
    };
  });
}
