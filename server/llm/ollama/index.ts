// The Ollama adapter's public surface; the files behind it are internal to server/llm/ollama.
export type { OllamaConnection } from './client.js';
export { createOllamaDrafter, type OllamaDrafterOptions } from './drafter.js';
export { createOllamaEmbedder, type OllamaEmbedderOptions, type OllamaEmbedderResult } from './embedder.js';
export { checkOllama, type OllamaHealth, type OllamaHealthOptions } from './health.js';
export { createOllamaIntentReader, type OllamaIntentOptions } from './intent.js';
