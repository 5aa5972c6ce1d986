import type { z } from 'zod';

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType };
const defOf = (schema: unknown): Def | undefined => (schema as { _zod?: { def?: Def } } | undefined)?._zod?.def;

/** Through optional, nullable, default and the input side of a pipe, to the schema that holds the value. */
function unwrap(schema: unknown): unknown {
  let s = schema;
  for (let def = defOf(s); def; def = defOf(s)) {
    if (def.innerType && ['optional', 'nullable', 'default', 'prefault', 'readonly', 'nonoptional', 'catch'].includes(def.type)) s = def.innerType;
    else if (def.type === 'pipe' && def.in) s = def.in;
    else break;
  }
  return s;
}

/**
 * The field names the object at `path` inside a route's zod schema takes, for a message about an unknown
 * one ("this request takes engagementCap, accountOwnerEmail…"); [] when the path leads to no object.
 */
export function fieldsAt(schema: unknown, path: readonly string[]): string[] {
  let s = unwrap(schema);
  for (const segment of path) {
    const def = defOf(s);
    if (def?.type === 'object' && def.shape) s = unwrap(def.shape[segment]);
    else if (def?.type === 'array' && def.element) s = unwrap(def.element);
    else return [];
  }
  const def = defOf(s);
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
