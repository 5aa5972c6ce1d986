import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/nav';
import { session } from '$lib/session.svelte';
import type { PageLoad } from './$types';

/** "/" sends each person to the start of their journey (the layout already sent signed-out visitors away). */
export const load: PageLoad = async ({ parent }) => {
  await parent();
  redirect(307, session.user ? homeFor(session.user.role) : '/login');
};
