import { redirect } from '@sveltejs/kit';
import { safeNext } from '$lib/guard';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, url }) => {
  await parent();
  if (session.user) redirect(307, safeNext(url.searchParams.get('next')));
  return {};
};
