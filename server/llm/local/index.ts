/** The embedded local embedder: the default whenever no Ollama embedding model is available. */
export { createLocalEmbedder, type LocalEmbedderOptions } from './embedder.js';
