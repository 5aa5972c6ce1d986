import { redirect } from '@sveltejs/kit';
import { api } from '$lib/api';
import { loadOr } from '$lib/guard';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await parent();
  if (session.user) redirect(307, '/');
  const { needsSetup } = await loadOr(() => api.setupStatus());
  if (!needsSetup) redirect(307, '/login');
  return {};
};
