import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * Vouch's UI is a single-page app: the Fastify server serves `build/` and falls back to index.html for
 * client routes, so every page renders in the browser (`ssr = false` in src/routes/+layout.ts).
 * @type {import('@sveltejs/kit').Config}
 */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ pages: 'build', assets: 'build', fallback: 'index.html', strict: true }),
    // The SPA shell boots with an inline script: SvelteKit hashes it into a CSP <meta> tag, so no
    // 'unsafe-inline' scripts are ever allowed. frame-ancestors cannot live in <meta>; the server sends it.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
      },
    },
    alias: {
      // The API contract (zod schemas) shared with the server: imported, never re-declared.
      $domain: 'server/domain',
    },
  },
};

export default config;
