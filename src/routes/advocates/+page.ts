import { api } from '$lib/api';
import { loadOr, requirePermission } from '$lib/guard';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await requirePermission(parent, 'advocates:read');
  const { items } = await loadOr(() => api.listAdvocates());
  return { advocates: items.sort((a, b) => a.name.localeCompare(b.name)) };
};
