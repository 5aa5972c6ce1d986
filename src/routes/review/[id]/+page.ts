import { api } from '$lib/api';
import { loadOr, requirePermission } from '$lib/guard';
import { queue } from '$lib/review/queue.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params, depends }) => {
  await requirePermission(parent, 'drafts:read');
  depends('app:draft');
  const [draft] = await loadOr(() => Promise.all([api.getDraft(params.id), queue.ensure()]));
  return { draft };
};
