import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../server/domain/user.js';
import { ACCESS_MATRIX } from '../../server/http/access-matrix.js';
import { roleHeaders } from '../support/roles.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * Bad input gets a 4xx that says what to fix, on every route: wrong content types are 415, bodies that are
 * not JSON (or not UTF-8) are 400, malformed addresses are 400. Never a 500. (Random payloads: api-fuzz.)
 */
const ROUTES = Object.keys(ACCESS_MATRIX).filter((r) => r !== 'GET /ws');
const WRITES = ROUTES.filter((r) => !r.startsWith('GET '));
const WITH_ID = ROUTES.filter((r) => r.includes(':id'));

const split = (route: string) => {
  const [method, url] = route.split(' ') as ['GET' | 'POST' | 'DELETE', string];
  return { method, url: url.replace(':id', 'no-such-id') };
};

describe('bad input on every route', () => {
  let server: TestServer;
  let app: FastifyInstance;
  let as: Record<Role, { authorization: string }>;

  beforeAll(async () => {
    server = await startServer();
    app = server.app;
    as = await roleHeaders(app);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const send = (route: string, headers: Record<string, string>, payload?: string | Buffer) =>
    app.inject({ ...split(route), headers: { ...as.admin, ...headers }, payload });

  describe('a write with a body that is not JSON answers 415 and says to send JSON', () => {
    const cases: [string, Record<string, string>, string][] = [
      ['text/plain', { 'content-type': 'text/plain' }, 'notes go here'],
      ['form-encoded', { 'content-type': 'application/x-www-form-urlencoded' }, 'notes=hello&source=x'],
      ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }, '--x\r\n\r\nhello\r\n--x--'],
      ['JSON in Latin-1', { 'content-type': 'application/json; charset=iso-8859-1' }, '{"notes":"caf\u00e9"}'],
    ];
    for (const [label, headers, body] of cases) {
      it(label, async () => {
        const answers = await Promise.all(WRITES.map(async (route) => [route, await send(route, headers, body)] as const));
        for (const [route, r] of answers) {
          expect({ route, status: r.statusCode }).toEqual({ route, status: 415 });
          expect(r.json().message, route).toMatch(/JSON/);
        }
      });
    }

    it('a body without any content type', async () => {
      for (const route of WRITES) {
        const r = await send(route, {}, Buffer.from('{"notes":"no content type"}'));
        expect({ route, status: r.statusCode }).toEqual({ route, status: 415 });
        expect(r.json()).toMatchObject({ error: 'unsupported_media_type', message: expect.stringMatching(/no Content-Type/) });
      }
    });
  });

  describe('JSON that cannot be read answers 400 with the reason', () => {
    const json = { 'content-type': 'application/json' };
    it('truncated JSON names the position', async () => {
      for (const route of WRITES) {
        const r = await send(route, json, '{"notes": "unfinished');
        expect({ route, status: r.statusCode }).toEqual({ route, status: 400 });
        expect(r.json().message, route).toMatch(/not valid JSON: .*position|not valid JSON: Unterminated/);
      }
    });

    it('bytes that are not UTF-8 (a Latin-1 file sent as JSON)', async () => {
      const latin1 = Buffer.from('{"notes":"Caf\xe9 in M\xfcnchen, said the customer"}', 'latin1');
      for (const route of WRITES) {
        const r = await send(route, json, latin1);
        expect({ route, status: r.statusCode }).toEqual({ route, status: 400 });
        expect(r.json().message, route).toMatch(/not valid UTF-8/);
      }
    });

    it('prototype-pollution keys are refused, and pollute nothing', async () => {
      for (const body of ['{"__proto__":{"admin":true},"notes":"x"}', '{"a":{"constructor":{"prototype":{"admin":true}}}}', '{"\\u005f_proto__":{"x":1}}']) {
        for (const route of WRITES) {
          const r = await send(route, json, body);
          expect({ route, status: r.statusCode }).toEqual({ route, status: 400 });
          expect(r.json().message, route).toMatch(/reserved key/);
        }
      }
      expect(({} as Record<string, unknown>).admin).toBeUndefined();
    });

    it('an empty body sent as JSON', async () => {
      for (const route of WRITES) {
        const r = await send(route, json, '');
        expect({ route, status: r.statusCode }).toEqual({ route, status: 400 });
        expect(r.json().message, route).toMatch(/empty/);
      }
    });

    it('a body over 1 MiB is 413 with the limit', async () => {
      const big = JSON.stringify({ notes: 'x'.repeat(1024 * 1024 + 10) });
      for (const route of WRITES) {
        const r = await send(route, json, big);
        expect({ route, status: r.statusCode }).toEqual({ route, status: 413 });
        expect(r.json().message, route).toMatch(/1 MiB/);
      }
    });
  });

  describe('malformed addresses answer 400 in the API error shape', () => {
    it('an over-long id', async () => {
      for (const route of WITH_ID) {
        const { method, url } = split(route);
        const r = await app.inject({ method, url: url.replace('no-such-id', 'x'.repeat(200)), headers: as.admin });
        expect({ route, status: r.statusCode }).toEqual({ route, status: 400 });
        expect(r.json().message, route).toMatch(/id/);
      }
    });

    it('a broken %-escape', async () => {
      for (const route of WITH_ID) {
        const { method, url } = split(route);
        const r = await app.inject({ method, url: url.replace('no-such-id', '%E0%A4%A'), headers: as.admin });
        expect({ route, status: r.statusCode }).toEqual({ route, status: 400 });
        expect(r.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/address is not valid/) });
      }
    });

    it('unknown query values', async () => {
      for (const url of ['/api/drafts?status=bogus', '/api/requests?status=%00', '/api/requests?advocateId=' + 'x'.repeat(65)]) {
        const r = await app.inject({ method: 'GET', url, headers: as.admin });
        expect({ url, status: r.statusCode }).toEqual({ url, status: 400 });
        expect(r.json().issues.length, url).toBeGreaterThan(0);
      }
    });
  });

  it('stored nothing from any of it', async () => {
    const drafts = await app.inject({ method: 'GET', url: '/api/drafts', headers: as.admin });
    expect(drafts.json().items).toEqual([]);
    const requests = await app.inject({ method: 'GET', url: '/api/requests', headers: as.admin });
    expect(requests.json().items).toEqual([]);
  });
});
