import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/domain/user.js';
import { databaseFor, DIALECTS } from '../support/dialects.js';
import { routesFromOpenApi, type JsonSchema, type RouteSpec } from '../support/fuzz.js';
import { PASSWORD, roleHeaders } from '../support/roles.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * What request schemas refuse, read from the OpenAPI document the routes are validated by, so a new field
 * or route is covered without touching this file: a control character in any free-text field (body, query
 * or path) is a 400 naming the field and the character, on both dialects (Postgres refused NUL with a 500);
 * a field the route does not take, in any object of any body or in a query string, is a 400 naming it
 * (it was ignored: 200, nothing set); and nothing of such a request is stored.
 */
const NUL = 'a\u0000b';

/** Interview notes keep their own rule (transcripts carry odd whitespace; only NUL is refused); passwords are never shown. */
const NOT_PLAIN_TEXT = new Set(['notes', 'password', 'currentPassword', 'newPassword']);

/** A free-text string: no enum, format or pattern of its own to refuse a control character with. */
const isFreeText = (s: JsonSchema): boolean =>
  (s.type === 'string' && !s.enum && !s.format && !s.pattern) || Boolean(s.anyOf?.some(isFreeText));

/** Every free-text field in a schema, as a path (an array's items at index 0). */
function freeTextPaths(schema: JsonSchema | undefined, prefix: (string | number)[] = []): (string | number)[][] {
  if (!schema) return [];
  if (isFreeText(schema)) return NOT_PLAIN_TEXT.has(String(prefix.at(-1))) ? [] : [prefix];
  if (schema.type === 'array') return freeTextPaths(schema.items, [...prefix, 0]);
  return Object.entries(schema.properties ?? {}).flatMap(([k, s]) => freeTextPaths(s, [...prefix, k]));
}

/** Every object a body may hold, as a path (the body itself is []). */
function objectPaths(schema: JsonSchema | undefined, prefix: string[] = []): string[][] {
  if (!schema) return [];
  const object = schema.type === 'object' ? schema : schema.anyOf?.find((s) => s.type === 'object');
  if (!object) return [];
  return [prefix, ...Object.entries(object.properties ?? {}).flatMap(([k, s]) => objectPaths(s, [...prefix, k]))];
}

function bodyWith(path: (string | number)[], value: unknown): unknown {
  if (!path.length) return value;
  const [head, ...rest] = path;
  return typeof head === 'number' ? [bodyWith(rest, value)] : { [head]: bodyWith(rest, value) };
}

type Answer = { statusCode: number; json(): { message: string; issues?: { path: string; message: string }[] } };
const issueAt = (r: Answer, path: string) => r.json().issues?.find((i) => i.path === path);

/** A server of its own for a describe block: the app, an admin's headers, and the routes the OpenAPI document lists. */
function serverWithRoutes() {
  const t = {} as { server: TestServer; app: FastifyInstance; routes: RouteSpec[]; admin: { authorization: string } };
  beforeAll(async () => {
    t.server = await startServer();
    t.app = t.server.app;
    t.admin = (await roleHeaders(t.app)).admin;
    t.routes = routesFromOpenApi(t.app.swagger() as never);
  });
  afterAll(async () => {
    await t.server?.stop();
  });
  return t;
}

describe('free text refuses control characters, on every route (from the OpenAPI document)', () => {
  const t = serverWithRoutes();

  it('every free-text body field: 400 naming the field and the character', async () => {
    let checked = 0;
    for (const spec of t.routes.filter((r) => r.body)) {
      for (const path of freeTextPaths(spec.body)) {
        const url = spec.route.replace(':id', 'no-such-id');
        const r = await t.app.inject({ method: spec.method, url, headers: t.admin, payload: bodyWith(path, NUL) as object });
        const where = `${spec.method} ${spec.route} ${path.join('.')}`;
        expect(r.statusCode, where).toBe(400);
        // An email field refuses it as "not an email"; every other field names the character.
        expect(issueAt(r, path.join('.')), where).toBeDefined();
        if (!/email/i.test(String(path.at(-1)))) expect(issueAt(r, path.join('.'))?.message, where).toMatch(/U\+0000 \(NUL\)/);
        checked += 1;
      }
    }
    // Names, reasons, notes of decisions, profile fields, intent chips, filenames…: not a handful.
    expect(checked).toBeGreaterThan(40);
  });

  it('every free-text query parameter and path parameter', async () => {
    let checked = 0;
    for (const spec of t.routes) {
      for (const p of spec.params.filter((p) => isFreeText(p.schema))) {
        const url =
          p.in === 'path'
            ? spec.route.replace(`:${p.name}`, encodeURIComponent(NUL))
            : `${spec.route.replace(':id', 'no-such-id')}?${p.name}=${encodeURIComponent(NUL)}`;
        const r = await t.app.inject({ method: spec.method, url, headers: t.admin });
        expect(r.statusCode, url).toBe(400);
        expect(issueAt(r, p.name)?.message, url).toMatch(/U\+0000 \(NUL\)/);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe('a field the route does not take is refused, on every route (from the OpenAPI document)', () => {
  const t = serverWithRoutes();

  it('in the body and in every object inside it: 400 naming the key and what the object takes', async () => {
    let checked = 0;
    for (const spec of t.routes.filter((r) => r.body)) {
      for (const at of objectPaths(spec.body)) {
        const url = spec.route.replace(':id', 'no-such-id');
        const r = await t.app.inject({ method: spec.method, url, headers: t.admin, payload: bodyWith([...at, 'colour'], 'blue') as object });
        const path = [...at, 'colour'].join('.');
        expect(r.statusCode, `${spec.method} ${url} ${path}`).toBe(400);
        expect(r.json().message, `${spec.method} ${url}`).toMatch(new RegExp(`^Unknown field '${path}': ${at.length ? at.join('.') : 'this request'} takes \\w+`));
        expect(issueAt(r, path), `${spec.method} ${url}`).toBeDefined();
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });

  it('in a query string', async () => {
    let checked = 0;
    for (const spec of t.routes.filter((r) => r.params.some((p) => p.in === 'query'))) {
      const r = await t.app.inject({ method: spec.method, url: `${spec.route}?sort=name`, headers: t.admin });
      expect(r.statusCode, spec.route).toBe(400);
      expect(r.json().message, spec.route).toMatch(/^Unknown query parameter 'sort': the query takes \w+/);
      checked += 1;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });
});

describe.each(DIALECTS)('control characters in what people type, on %s', (dialect) => {
  let database: Awaited<ReturnType<typeof databaseFor>>;
  let server: TestServer;
  let app: FastifyInstance;
  let as: Record<Role, { authorization: string }>;
  let drafts: string[];
  let advocateId: string;

  const post = (url: string, who: Role, payload: object) => app.inject({ method: 'POST', url, headers: as[who], payload });
  const get = async (url: string, who: Role = 'admin') => (await app.inject({ method: 'GET', url, headers: as[who] })).json();
  const notes = (i: number) =>
    `Interviewee: Dana Text${i}\nRole: Head of Operations\nCompany: Textco ${i} GmbH\nLocation: Berlin, Germany\n` +
    `Dana said: "We cut onboarding time by 40% in the first quarter." The team uses Lumen Scheduler daily.`;

  beforeAll(async () => {
    database = await databaseFor(dialect);
    server = await startServer({ env: database.env });
    app = server.app;
    as = await roleHeaders(app);
    drafts = [];
    for (let i = 0; i < 2; i++) drafts.push((await post('/api/interviews', 'manager', { notes: notes(i) })).json().draft.id);
    await server.ctx.review.queueIdle();
    const approved = await post(`/api/drafts/${drafts[0]}/approve`, 'reviewer', { override: { reason: 'Seeded for this test' }, consent: { source: 'Agreed in the interview' } });
    advocateId = approved.json().advocate.id;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('the audited requests answer 400 naming the field and the character, and store nothing', async () => {
    const draft = await get(`/api/drafts/${drafts[1]}`);
    const cases: [string, Role, object, string][] = [
      ['/api/tokens', 'admin', { name: NUL }, 'name'],
      ['/api/users', 'admin', { email: 'nul@example.com', name: NUL, role: 'rep', password: PASSWORD }, 'name'],
      [`/api/drafts/${drafts[1]}/reject`, 'reviewer', { reason: `Not ${NUL} advocate` }, 'reason'],
      [`/api/drafts/${drafts[1]}/approve`, 'reviewer', { profile: { ...draft.profile, company: `Textco\u0000 GmbH` } }, 'profile.company'],
      [`/api/drafts/${drafts[1]}/approve`, 'reviewer', { profile: { ...draft.profile, quotes: ['fine', `bell\u0007`] } }, 'profile.quotes.1'],
      ['/api/requests', 'rep', { advocateId, kind: 'reference_call', prospectCompany: 'Prospect AG', description: `A call about ${NUL} onboarding` }, 'description'],
      [`/api/advocates/${advocateId}/consent`, 'manager', { state: 'withdrawn', source: `Email of ${NUL} March` }, 'source'],
      [`/api/advocates/${advocateId}/program`, 'manager', { contactPhone: '+49 30\u000B 1234' }, 'contactPhone'],
    ];
    for (const [url, who, payload, path] of cases) {
      const r = await post(url, who, payload);
      expect({ url, status: r.statusCode }).toEqual({ url, status: 400 });
      expect(r.json().message, url).toMatch(new RegExp(`^${path.replace(/\./g, '\\.')}: Remove the control character U\\+00(00 \\(NUL\\)|07 \\(bell\\)|0B \\(vertical tab\\))`));
      expect(r.json().issues, url).toContainEqual({ path, message: expect.stringMatching(/at character \d+; tabs and line breaks are fine$/) });
    }
    // Nothing of it was stored: the draft is still waiting, the advocate still consents, no token, user or request.
    expect((await get(`/api/drafts/${drafts[1]}`)).status).toBe('ready');
    expect((await get(`/api/advocates/${advocateId}`)).consent.state).toBe('granted');
    expect((await get('/api/tokens')).items.map((t: { name: string }) => t.name)).toEqual(['tests']);
    expect((await get('/api/users')).items).toHaveLength(4);
    expect((await get('/api/requests')).items).toHaveLength(0);
    // An id with NUL in it is a 400 too (it was a 500 on Postgres), not a lookup.
    expect((await app.inject({ method: 'GET', url: '/api/drafts/%00', headers: as.admin })).statusCode).toBe(400);
  });

  it('POST /api/advocates/:id/program with accountOwnerId (for accountOwnerEmail) is a 400 naming it, and sets nothing', async () => {
    const before = (await get(`/api/advocates/${advocateId}`)).program;
    const r = await post(`/api/advocates/${advocateId}/program`, 'manager', { accountOwnerId: 'someone', engagementCap: 1 });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({
      error: 'invalid_request',
      message: "Unknown field 'accountOwnerId': this request takes engagementCap, accountOwnerEmail, contactEmail, contactPhone",
      issues: [{ path: 'accountOwnerId', message: expect.stringMatching(/^Unknown field 'accountOwnerId'/) }],
    });
    expect((await get(`/api/advocates/${advocateId}`)).program).toEqual(before);
    // The same request with the field it meant is taken.
    const owner = await post(`/api/advocates/${advocateId}/program`, 'manager', { accountOwnerEmail: 'manager@example.com' });
    expect(owner.statusCode).toBe(200);
    expect(owner.json().accountOwner).toMatchObject({ email: 'manager@example.com' });
  });

  it('tabs and line breaks are text: a reason may have them', async () => {
    const r = await post(`/api/drafts/${drafts[1]}/reject`, 'reviewer', { reason: 'Not an advocate:\r\n\tthe customer declined' });
    expect(r.statusCode).toBe(200);
  });

  it('interview notes keep their rule: odd whitespace is kept, NUL is refused as binary data', async () => {
    const odd = `${notes(7)}\fPage 2\u000BMore notes.\nDana said: "It saved us\fthree hours a week."`;
    const kept = await post('/api/interviews', 'manager', { notes: odd });
    expect(kept.statusCode).toBe(202);
    await server.ctx.review.queueIdle();
    const draft = await get(`/api/drafts/${kept.json().draft.id}`);
    expect(draft.interview.notes).toBe(odd);
    // The draft holds only what a reviewer can send back: the review page sends the whole profile on approval.
    expect(draft.status).toBe('ready');
    const approved = await post(`/api/drafts/${draft.id}/approve`, 'reviewer', { profile: draft.profile, consent: { source: 'Agreed in the interview' } });
    expect(approved.statusCode).toBe(200);
    const binary = await post('/api/interviews', 'manager', { notes: `${notes(8)}\u0000` });
    expect(binary.statusCode).toBe(400);
    expect(binary.json().message).toMatch(/binary data/);
  });
});
