import fc from 'fast-check';

/**
 * Arbitraries for fuzzing the HTTP API. The routes and their body/params/query schemas come from the
 * server's own OpenAPI document (made from the zod schemas by fastify-type-provider-zod), so a new route
 * or field is fuzzed without touching this file. For each route a case is one of: a valid payload, a
 * near-valid one (one mutation of a valid payload), a hostile value in place of the body, or raw bytes
 * under a random content type.
 */

export type JsonSchema = {
  type?: string;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  minItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  nullable?: boolean;
};

export type RouteSpec = {
  method: 'GET' | 'POST' | 'DELETE';
  /** As registered, e.g. /api/drafts/:id */
  route: string;
  path: string;
  params: { name: string; in: 'path' | 'query'; schema: JsonSchema }[];
  body?: JsonSchema;
};

/** Bearer-token callers per role, no one, and an admin's browser session with and without its CSRF token. */
export type Caller = 'anonymous' | 'admin' | 'manager' | 'reviewer' | 'rep' | 'admin-session' | 'admin-session-no-csrf';

export type FuzzCase = {
  caller: Caller;
  method: RouteSpec['method'];
  url: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** What kind of case it is, for the summary. */
  kind: 'valid' | 'near-valid' | 'hostile' | 'raw' | 'none';
};

/** Known ids and emails, so valid payloads reach the services instead of stopping at 404. */
export type Pools = {
  ids: (route: string) => string[];
  emails: string[];
};

type OpenApi = { paths: Record<string, Record<string, { parameters?: RouteSpec['params']; requestBody?: { content: Record<string, { schema: JsonSchema }> } }>> };

export function routesFromOpenApi(doc: OpenApi): RouteSpec[] {
  const specs: RouteSpec[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, op] of Object.entries(ops)) {
      specs.push({
        method: method.toUpperCase() as RouteSpec['method'],
        route: path.replace(/\{(\w+)\}/g, ':$1'),
        path,
        params: op.parameters ?? [],
        body: op.requestBody?.content['application/json']?.schema,
      });
    }
  }
  return specs;
}

// ---- hostile values ----

/**
 * Control characters: NUL (Postgres refuses it in text), the C0 range and DEL (refused in every free-text
 * field: server/domain/text.ts), and tab / line breaks (allowed).
 */
const CONTROLS = ['\u0000', '\u0001', '\u0007', '\u0008', '\u000B', '\u000C', '\u001B', '\u001F', '\u007F', '\t', '\r\n'];
const controlChar = fc.oneof(fc.constantFrom(...CONTROLS), fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)));

/** `s` with a control character in place of one of its characters (or appended), keeping its length where it can. */
const withControl = (s: fc.Arbitrary<string>) =>
  fc.tuple(s, controlChar, fc.nat()).map(([text, c, at]) => {
    if (!text) return c;
    const i = at % text.length;
    return text.slice(0, i) + c + text.slice(i + 1);
  });

const NASTY = [
  '\u0000',
  'a\u0000b',
  'Acme\u0000 GmbH',
  '\u001B[31mred\u001B[0m',
  'back\u0008\u0008space',
  'page\u000Cbreak\u000Bvertical',
  'bell\u0007',
  'del\u007F',
  'tab\there\r\nand a new line',
  '\uD800',
  '\uDFFF\uD800',
  '\u202E\u2066',
  '\uFEFF',
  '\u{1D54F}\u{1F600}',
  'e\u0301\u0301\u0301',
  '../../../../etc/passwd',
  '<script>alert(1)</script>',
  "'; DROP TABLE drafts; --",
  '%00%2e%2e%2f',
  '${jndi:ldap://x}',
  '\r\nSet-Cookie: x=y',
  ' '.repeat(50),
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  // Object.prototype's names where tables are looked up by words of the text: entities, units, terms.
  'The constructor said: "5 constructor, 3 toString and 2 valueOf." &constructor; &__proto__; IT constructor prototype hasOwnProperty',
];

/** Strings that are long enough to hit every limit: over maxLength, over the notes limit, over the 1 MiB body limit. */
const hugeString = fc.constantFrom(2_001, 10_000, 200_001, 1_100_000).map((n) => 'x'.repeat(n));

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: withControl(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 })) },
  { weight: 2, arbitrary: fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constantFrom(...NASTY)).map(([a, b]) => a + b) },
  { weight: 1, arbitrary: hugeString },
);

const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 0.5, 1e308, -1e308, 2 ** 53 + 1, 1e-320, 51, 10_000_000),
  fc.double({ noNaN: false }),
  fc.integer(),
);

/** Built as text: deeper than JSON.stringify or a recursive validator would like. */
function deeplyNested(depth: number, kind: 'array' | 'object'): string {
  return kind === 'array' ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
}

/** A JSON text, not a value: some of these cannot be made with JSON.stringify (prototype keys, depth). */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  nastyString.map((s) => JSON.stringify(s)),
  nastyNumber.map((n) => JSON.stringify(n)),
  fc.constantFrom('null', 'true', '[]', '{}', '""', '0'),
  fc.tuple(fc.integer({ min: 100, max: 20_000 }), fc.constantFrom('array' as const, 'object' as const)).map(([d, k]) => deeplyNested(d, k)),
  fc.tuple(fc.constantFrom('__proto__', 'constructor'), fc.jsonValue()).map(([k, v]) => `{"${k}":${JSON.stringify(k === 'constructor' ? { prototype: v } : v)}}`),
  fc.array(fc.jsonValue(), { maxLength: 3 }).map((a) => JSON.stringify(a)),
);

const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  nastyNumber,
  fc.boolean(),
  fc.constant(null),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(nastyString, { maxLength: 3 }),
);

// ---- valid values from a schema ----

export function fromSchema(schema: JsonSchema | undefined, pools: Pools, route: string, name = ''): fc.Arbitrary<unknown> {
  if (!schema) return fc.jsonValue({ maxDepth: 2 });
  const base = baseFromSchema(schema, pools, route, name);
  return schema.nullable ? fc.option(base, { nil: null, freq: 5 }) : base;
}

function baseFromSchema(schema: JsonSchema, pools: Pools, route: string, name: string): fc.Arbitrary<unknown> {
  if (schema.anyOf) return fc.oneof(...schema.anyOf.map((s) => fromSchema(s, pools, route, name)));
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      return stringFor(schema, pools, name);
    case 'integer':
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1000 });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(fromSchema(schema.items, pools, route, name), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.min(schema.maxItems ?? 5, 5),
      });
    case 'object': {
      const props = schema.properties ?? {};
      const entries = Object.fromEntries(Object.entries(props).map(([k, s]) => [k, fromSchema(s, pools, route, k)]));
      return fc.record(entries, { requiredKeys: (schema.required ?? []).filter((k) => k in props) as never[] });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Interview-like text: real sentences with hostile fragments between them, usually long enough to draft. */
const SENTENCES = [
  'Interviewee: Dana Fuzz, Head of Operations at Fuzzco GmbH, Berlin, Germany.',
  'Dana said: "We cut onboarding time by 40% in the first quarter."',
  'They use Lumen Scheduler daily across 12 clinics and would do a reference call.',
  'Q: What changed? A: "Our phone lines are no longer overloaded."',
  'WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana>It saved us 3 hours a week.',
];
const notesArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SENTENCES),
      fc.string({ unit: 'grapheme', maxLength: 80 }),
      // Transcripts carry odd whitespace (form feeds from a PDF, vertical tabs): notes keep them.
      withControl(fc.constantFrom(...SENTENCES)),
      nastyString.filter((s) => s.length < 3_000),
    ),
    {
    minLength: 1,
    maxLength: 10,
  })
  .map((parts) => parts.join('\n'));

function stringFor(schema: JsonSchema, pools: Pools, name: string): fc.Arbitrary<string> {
  const lower = name.toLowerCase();
  if (lower === 'notes') return notesArb;
  if (lower.endsWith('email') && pools.emails.length) return fc.oneof(fc.constantFrom(...pools.emails), fc.emailAddress());
  if (lower === 'email') return fc.emailAddress();
  if (lower === 'advocateid') return fc.constantFrom(...pools.ids('/api/advocates/:id'), 'no-such-advocate');
  if (schema.format === 'date-time') {
    return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  if (schema.format === 'date') {
    return fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
  }
  if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern), { size: 'xsmall' });
  const min = schema.minLength ?? 0;
  const max = Math.max(min, Math.min(schema.maxLength ?? 300, 300));
  // Valid payloads carry clean text: with a control character in one field in five, a body of many fields
  // (an approval's profile) was almost never valid, so valid approvals rarely reached the service. Control
  // characters come in through the near-valid mutation below, one string at a time.
  return fc.string({ unit: 'grapheme', minLength: min, maxLength: max });
}

// ---- near-valid: one mutation of a valid payload ----

type Mutation = (value: Record<string, unknown>) => fc.Arbitrary<string>;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every path to a value inside `v` (objects and arrays), the root included. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (isObject(v)) for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  else if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  return out;
}

function setAt(v: unknown, path: (string | number)[], value: unknown | typeof REMOVE): unknown {
  if (path.length === 0) return value;
  const copy: any = Array.isArray(v) ? [...v] : { ...(v as object) };
  const [head, ...rest] = path;
  if (rest.length === 0 && value === REMOVE) {
    if (Array.isArray(copy)) copy.splice(head as number, 1);
    else delete copy[head];
  } else copy[head] = setAt(copy[head], rest, value);
  return copy;
}
const REMOVE = Symbol('remove');

/** Where a string sits inside a payload. */
const stringPaths = (v: unknown) => paths(v).filter((p) => typeof p.reduce<any>((x, k) => x?.[k], v) === 'string');

const mutations: Mutation[] = [
  // a value of the wrong type or a hostile one, somewhere inside
  (v) => fc.tuple(fc.constantFrom(...paths(v)), anyValue).map(([p, x]) => JSON.stringify(setAt(v, p, x))),
  // otherwise valid text with one control character in one string: NUL reaches the database unless the schema refuses it
  (v) => {
    const where = stringPaths(v);
    return where.length
      ? fc.tuple(fc.constantFrom(...where), withControl(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }))).map(([p, x]) => JSON.stringify(setAt(v, p, x)))
      : fc.constant(JSON.stringify(v));
  },
  // a key dropped
  (v) => fc.constantFrom(...paths(v).filter((p) => p.length > 0), []).map((p) => JSON.stringify(p.length ? setAt(v, p, REMOVE) : {})),
  // an extra key, maybe a prototype one spliced in as text
  (v) =>
    fc.tuple(fc.constantFrom('extra', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ''), anyValue).map(([k, x]) => {
      const text = JSON.stringify(v);
      const extra = `${JSON.stringify(k)}:${JSON.stringify(k === 'constructor' ? { prototype: x } : x) ?? 'null'}`;
      return text === '{}' ? `{${extra}}` : `{${extra},${text.slice(1)}`;
    }),
  // the whole payload wrapped or replaced by an array
  (v) => fc.constantFrom(`[${JSON.stringify(v)}]`, JSON.stringify(Object.values(v))),
  // truncated: a client cut off mid-body
  (v) => fc.integer({ min: 0, max: Math.max(0, JSON.stringify(v).length - 1) }).map((n) => JSON.stringify(v).slice(0, n)),
];

// ---- whole requests ----

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  'application/octet-stream',
  'application/JSON',
  'application/json;charset=UTF-8',
  'application/vnd.api+json',
];

const rawBody: fc.Arbitrary<{ contentType?: string; body: string | Buffer }> = fc.oneof(
  fc.record({ contentType: fc.constantFrom(...CONTENT_TYPES), body: fc.string({ unit: 'binary', maxLength: 200 }) }),
  fc.record({ contentType: fc.constant('application/json'), body: fc.uint8Array({ minLength: 1, maxLength: 200 }).map((b) => Buffer.from(b)) }),
  fc.record({ contentType: fc.constant('application/json'), body: fc.string({ unit: 'binary', minLength: 1, maxLength: 200 }) }),
  fc.record({ body: fc.string({ minLength: 1, maxLength: 50 }) }),
);

const callerArb: fc.Arbitrary<Caller> = fc.constantFrom<Caller>(
  'admin',
  'admin',
  'admin',
  'admin-session',
  'admin-session-no-csrf',
  'manager',
  'reviewer',
  'rep',
  'anonymous',
);

function paramValue(spec: RouteSpec, name: string, schema: JsonSchema, pools: Pools): fc.Arbitrary<string> {
  const known = spec.route.includes(':id') && name === 'id' ? pools.ids(spec.route) : [];
  const valid = fromSchema(schema, pools, spec.route, name).map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  return fc.oneof(
    { weight: known.length ? 6 : 0, arbitrary: known.length ? fc.constantFrom(...known) : fc.constant('') },
    { weight: 2, arbitrary: valid },
    { weight: 2, arbitrary: nastyString.filter((s) => s.length < 5_000) },
  );
}

/** Raw %-escapes are kept as they are (some are malformed on purpose); everything else is encoded. */
const encode = (s: string) => (/^%[0-9A-Za-z]{0,2}/.test(s) ? s : encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD')));

export function caseFor(spec: RouteSpec, pools: Pools): fc.Arbitrary<FuzzCase> {
  const pathParams = spec.params.filter((p) => p.in === 'path');
  const queryParams = spec.params.filter((p) => p.in === 'query');
  const pathArb = fc
    .tuple(...pathParams.map((p) => paramValue(spec, p.name, p.schema, pools)))
    .map((values) => pathParams.reduce((path, p, i) => path.replace(`{${p.name}}`, encode(values[i]) || '%20'), spec.path));
  const queryArb = fc
    .array(
      fc.oneof(
        ...queryParams.map((p) => paramValue(spec, p.name, p.schema, pools).map((v) => [p.name, v] as const)),
        fc.tuple(fc.constantFrom('__proto__', 'constructor', 'status[]', 'x', ''), nastyString.filter((s) => s.length < 5_000)),
      ),
      { maxLength: queryParams.length ? 3 : 1 },
    )
    .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&')}` : ''));

  const json = (text: string) => ({ contentType: 'application/json', body: text });
  const valid = fromSchema(spec.body, pools, spec.route);
  const bodyArb: fc.Arbitrary<{ kind: FuzzCase['kind']; contentType?: string; body?: string | Buffer }> = spec.body
    ? fc.oneof(
        { weight: 3, arbitrary: valid.map((v) => ({ kind: 'valid' as const, ...json(JSON.stringify(v)) })) },
        {
          weight: 4,
          arbitrary: valid.chain((v) => (isObject(v) ? fc.oneof(...mutations.map((m) => m(v))) : hostileJson)).map((t) => ({ kind: 'near-valid' as const, ...json(t) })),
        },
        { weight: 2, arbitrary: hostileJson.map((t) => ({ kind: 'hostile' as const, ...json(t) })) },
        { weight: 1, arbitrary: rawBody.map((r) => ({ kind: 'raw' as const, ...r })) },
      )
    : fc.oneof(
        { weight: 6, arbitrary: fc.constant({ kind: 'none' as const }) },
        { weight: 1, arbitrary: hostileJson.map((t) => ({ kind: 'hostile' as const, ...json(t) })) },
        { weight: 1, arbitrary: rawBody.map((r) => ({ kind: 'raw' as const, ...r })) },
      );

  return fc.record({ caller: callerArb, path: pathArb, query: queryArb, body: bodyArb }).map(({ caller, path, query, body }) => ({
    caller,
    method: spec.method,
    url: path + query,
    headers: body.contentType ? { 'content-type': body.contentType } : ({} as Record<string, string>),
    body: body.body,
    kind: body.kind,
  }));
}
