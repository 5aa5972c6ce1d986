import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';

// `npm run dev:ui` serves the UI with hot reload and forwards the API and the websocket to the Vouch server
// (`npm run dev:server`, http://127.0.0.1:3000), so cookies stay same-origin as in production.
const API = process.env.VOUCH_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [sveltekit()],
  server: {
    proxy: {
      '/api': { target: API, changeOrigin: false },
      '/ws': { target: API, ws: true, changeOrigin: false },
    },
  },
});
