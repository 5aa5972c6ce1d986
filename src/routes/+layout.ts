import { redirect } from '@sveltejs/kit';
import { api } from '$lib/api';
import { loadOr, loginUrl } from '$lib/guard';
import { session } from '$lib/session.svelte';
import type { LayoutLoad } from './$types';

// A single-page app: the Fastify server serves build/index.html for every client route.
export const ssr = false;
export const prerender = false;

const PUBLIC_PATHS = ['/login', '/setup'];

export const load: LayoutLoad = async ({ url }) => {
  const user = await loadOr(() => session.load());
  if (!user && !PUBLIC_PATHS.includes(url.pathname)) {
    const { needsSetup } = await loadOr(() => api.setupStatus());
    redirect(307, needsSetup ? '/setup' : loginUrl(url));
  }
  return {};
};
