import { loadOr, requirePermission } from '$lib/guard';
import { mine } from '$lib/program/program.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await requirePermission(parent, 'nominations:create');
  await loadOr(() => mine.refresh());
  return {};
};
