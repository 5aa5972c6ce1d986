import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UI_DIR } from '../../server/http/app.js';
import { startServer, type TestServer } from '../support/server.js';

/**
 * What a browser is told about every response: no sniffing, no framing, and for the UI a Content-Security-Policy
 * that allows only this origin's scripts, the SPA's one inline boot script by its hash (SvelteKit writes it into a
 * <meta> tag at build time), never 'unsafe-inline' or 'unsafe-eval' scripts. `npm test` builds the UI first.
 */
describe('security headers and the UI content security policy', () => {
  let server: TestServer;
  beforeAll(async () => {
    if (!fs.existsSync(path.join(UI_DIR, 'index.html'))) throw new Error('The UI is not built: run `npm run build` (npm test does it first).');
    server = await startServer();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('every response: nosniff, no framing, same-origin referrers, and a CSP for API responses too', async () => {
    for (const url of ['/api/health', '/api/me', '/', '/review/some-id']) {
      const r = await fetch(server.url + url);
      expect(r.headers.get('x-content-type-options'), url).toBe('nosniff');
      expect(r.headers.get('x-frame-options'), url).toBe('DENY');
      expect(r.headers.get('referrer-policy'), url).toBe('same-origin');
      expect(r.headers.get('content-security-policy'), url).toContain("frame-ancestors 'none'");
    }
  });

  it('the UI shell carries a hashed script policy and no inline script it does not hash', async () => {
    const html = await (await fetch(`${server.url}/advocates`)).text();
    const meta = html.match(/<meta http-equiv="content-security-policy" content="([^"]+)"/i)?.[1];
    expect(meta, 'the SPA shell has a CSP <meta> tag').toBeDefined();
    const scriptSrc = meta!.split(';').map((d) => d.trim()).find((d) => d.startsWith('script-src'))!;
    expect(scriptSrc).toMatch(/'self'/);
    expect(scriptSrc).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    const hashes = [...scriptSrc.matchAll(/'sha256-([^']+)'/g)].map((m) => m[1]);
    // Each inline script in the shell is one the policy names by its hash: nothing else would run.
    const inline = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).filter((s) => s.trim());
    expect(inline.length).toBeGreaterThan(0);
    const { createHash } = await import('node:crypto');
    for (const s of inline) expect(hashes).toContain(createHash('sha256').update(s).digest('base64'));
    expect(meta).toMatch(/object-src 'none'/);
    expect(meta).toMatch(/default-src 'self'/);
  });
});
