import { api } from '$lib/api';
import { loadOr, requirePermission } from '$lib/guard';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
  await requirePermission(parent, 'advocates:read');
  const advocate = await loadOr(() => api.getAdvocate(params.id));
  return { advocate };
};
