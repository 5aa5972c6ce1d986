import type { ModelHealth } from '../types.js';
import { withOllama, type OllamaConnection } from './client.js';

export interface OllamaHealthOptions extends OllamaConnection {
  model: string;
}

export type OllamaHealth = ModelHealth & { models: string[] };

/**
 * Is Ollama up, and is the configured model pulled? One GET /api/tags; never throws. The problem text is
 * what the UI shows, so it says what to run.
 */
export async function checkOllama(options: OllamaHealthOptions): Promise<OllamaHealth> {
  const { model } = options;
  const listed = await withOllama(options, async ({ client }) => (await client.list()).models ?? []);
  if (!listed.ok) {
    const { code, message } = listed.error;
    // Only "no answer" means unreachable; an error status still proves the server is there.
    const reachable = code !== 'unreachable' && code !== 'timeout';
    return { provider: 'ollama', model, reachable, problem: message, models: [] };
  }
  const models = listed.value.map((entry) => entry.name ?? entry.model).filter((name): name is string => !!name);
  const wanted = withTag(model);
  if (models.some((name) => withTag(name) === wanted)) return { provider: 'ollama', model, reachable: true, models };
  const problem = `Model ${model} is not pulled: run \`ollama pull ${model}\``;
  return { provider: 'ollama', model, reachable: true, problem, models };
}

/** Ollama names default to the `latest` tag: "llama3.2" and "llama3.2:latest" are the same model. */
function withTag(name: string): string {
  const lower = name.trim().toLowerCase();
  const lastSegment = lower.slice(lower.lastIndexOf('/') + 1);
  return lastSegment.includes(':') ? lower : `${lower}:latest`;
}
