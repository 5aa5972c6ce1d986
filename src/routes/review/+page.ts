import { loadOr, requirePermission } from '$lib/guard';
import { queue } from '$lib/review/queue.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await requirePermission(parent, 'drafts:read');
  await loadOr(() => queue.refresh());
  return {};
};
