/**
 * What the adapter must know about an embedding model that Ollama does not tell it: the task prefixes the
 * model was trained with, and how much text fits its context. Matched by name prefix, so tags and sizes
 * ("nomic-embed-text:v1.5", "mxbai-embed-large:335m") share an entry.
 */
export interface EmbedModelTraits {
  documentPrefix: string;
  queryPrefix: string;
  /** Longest chunk, prefix included. Characters, not tokens: about 3 characters per token, with margin. */
  maxChunkChars: number;
}

const KNOWN: Array<{ prefix: string } & EmbedModelTraits> = [
  // nomic-embed-text is trained with task prefixes and embeds worse without them. Through Ollama it fails
  // well before its advertised 8k tokens (about 512 tokens per input), so chunks stay short.
  {
    prefix: 'nomic-embed-text',
    documentPrefix: 'search_document: ',
    queryPrefix: 'search_query: ',
    maxChunkChars: 1000,
  },
  // mxbai-embed-large (512 tokens) wants an instruction on queries only.
  {
    prefix: 'mxbai-embed-large',
    documentPrefix: '',
    queryPrefix: 'Represent this sentence for searching relevant passages: ',
    maxChunkChars: 1000,
  },
  // all-minilm: 256 tokens.
  { prefix: 'all-minilm', documentPrefix: '', queryPrefix: '', maxChunkChars: 500 },
];

const UNKNOWN: EmbedModelTraits = { documentPrefix: '', queryPrefix: '', maxChunkChars: 1000 };

export function embedModelTraits(model: string): EmbedModelTraits {
  const name = model.toLowerCase();
  return KNOWN.find((entry) => name.startsWith(entry.prefix)) ?? UNKNOWN;
}
