import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { roleHeaders } from '../support/roles.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * A 500 says only what is true about the caller's change, and carries the request id (the log has the
 * rest). Provoked through the real app by making one store call fail: before anything was saved, or after.
 */
describe('a 500 is honest about what was saved', () => {
  let server: TestServer;
  let admin: { authorization: string };
  const tokens = () => server.ctx.stores.tokens;
  const restore: (() => void)[] = [];
  const replace = <K extends 'create' | 'list'>(name: K, fake: ReturnType<typeof tokens>[K]) => {
    const real = tokens()[name];
    tokens()[name] = fake;
    restore.push(() => (tokens()[name] = real));
  };
  const call = (method: 'GET' | 'POST', payload?: object) => server.app.inject({ method, url: '/api/tokens', headers: admin, payload });

  beforeAll(async () => {
    server = await startServer();
    admin = (await roleHeaders(server.app)).admin;
  });
  afterEach(() => {
    for (const undo of restore.splice(0)) undo();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('a read that fails: nothing was changed', async () => {
    replace('list', async () => {
      throw new Error('disk on fire');
    });
    const r = await call('GET');
    expect(r.statusCode).toBe(500);
    expect(r.json()).toEqual({ error: 'internal', message: expect.stringMatching(/^Something went wrong on our side \(request req-\w+\)\. Nothing was changed: try again\.$/) });
    expect(r.body).not.toMatch(/disk on fire/);
  });

  it('a write that fails: it does not claim nothing was lost, it says how to find out', async () => {
    replace('create', async () => {
      throw new Error('disk on fire');
    });
    const r = await call('POST', { name: 'never stored' });
    expect(r.statusCode).toBe(500);
    expect(r.json().message).toMatch(
      /^Something went wrong on our side \(request req-\w+\)\. If you were saving something, it was saved whole or not at all: reload to see which before you try again\.$/,
    );
    expect(r.json().message).not.toMatch(/lost/);
    expect((await call('GET')).json().items.map((t: { name: string }) => t.name)).not.toContain('never stored');
  });

  it('a write whose answer fails after it went through: says so', async () => {
    const real = tokens().create;
    replace('create', async (...args) => ({ ...(await real(...args)), name: 42 as unknown as string }));
    const r = await call('POST', { name: 'stored anyway' });
    expect(r.statusCode).toBe(500);
    expect(r.json().message).toMatch(/^Something went wrong on our side \(request req-\w+\) after your request went through: reload to see the result\.$/);
    expect((await call('GET')).json().items.map((t: { name: string }) => t.name)).toContain('stored anyway');
  });
});
