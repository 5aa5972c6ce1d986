import { api } from '$lib/api';
import { loadOr, requirePermission } from '$lib/guard';
import type { PageLoad } from './$types';

/** `?nomination=<id>`: interviewing an accepted nominee; the page shows the nomination and prefills the notes' header. */
export const load: PageLoad = async ({ parent, url }) => {
  await requirePermission(parent, 'interviews:create');
  const id = url.searchParams.get('nomination');
  return { nomination: id ? await loadOr(() => api.getNomination(id)) : null };
};
