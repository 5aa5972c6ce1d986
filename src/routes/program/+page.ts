import { loadOr, requirePermission } from '$lib/guard';
import { board } from '$lib/program/program.svelte';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await requirePermission(parent, 'program:manage');
  await loadOr(() => board.refresh());
  return {};
};
