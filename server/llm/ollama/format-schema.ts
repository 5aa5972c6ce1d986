import { z } from 'zod';

/**
 * Keywords Ollama's structured-output grammar does not honour: on these it silently falls back to
 * unconstrained generation, which is worse than failing. Unions with null (`anyOf`/`oneOf`), references
 * (`$ref`/`$defs`), `const` and regex `pattern` all show up the moment a zod schema uses `.nullable()`,
 * a reused sub-schema, a literal or `.regex()`.
 */
const UNSUPPORTED = ['$ref', '$defs', 'definitions', 'anyOf', 'oneOf', 'allOf', 'not', 'const', 'pattern'];

/** JSON-schema paths (e.g. `properties.name.anyOf`) that use a keyword Ollama would ignore. */
export function unsupportedKeywords(schema: unknown, path = ''): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => unsupportedKeywords(item, `${path}[${i}]`));
  if (schema === null || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([key, value]) => {
    const at = path ? `${path}.${key}` : key;
    // Inside `properties` the keys are field names, not keywords: a field may be called "pattern".
    const keyword = !path.endsWith('properties');
    // `type: ["string", "null"]` is how zod writes a nullable primitive: a union by another name.
    const own = keyword && (UNSUPPORTED.includes(key) || (key === 'type' && Array.isArray(value))) ? [at] : [];
    return [...own, ...unsupportedKeywords(value, at)];
  });
}

/**
 * The `format` sent to /api/chat: the zod schema as JSON schema, inlined, checked flat. `maxLength` is
 * dropped: the grammar turns it into a bounded repetition (`char{0,1500}`), and llama.cpp, which Ollama
 * vendors, refuses a grammar once such repetitions expand to 2,000 rules (MAX_REPETITION_THRESHOLD in
 * llama-grammar.cpp). zod still enforces the lengths on the reply.
 * Throws on an unsupported keyword: that is a schema design error, caught by the adapter's tests.
 */
export function toOllamaFormat(schema: z.ZodType): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', reused: 'inline', cycles: 'throw' });
  const format = stripKeys(json, new Set(['$schema', 'maxLength'])) as Record<string, unknown>;
  const problems = unsupportedKeywords(format);
  if (problems.length > 0) {
    throw new Error(`Schema is not flat enough for Ollama structured output: ${problems.join(', ')}`);
  }
  return format;
}

function stripKeys(value: unknown, keys: Set<string>, inProperties = false): unknown {
  if (Array.isArray(value)) return value.map((item) => stripKeys(item, keys));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => inProperties || !keys.has(key))
      .map(([key, child]) => [key, stripKeys(child, keys, !inProperties && key === 'properties')]),
  );
}
