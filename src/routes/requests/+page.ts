import { board } from '$lib/components/requests/requests.svelte';
import { loadOr, requirePermission } from '$lib/guard';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await requirePermission(parent, 'requests:read');
  await loadOr(() => board.refresh());
  return {};
};
