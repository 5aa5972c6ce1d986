import { api } from '$lib/api';
import { loadOr, requirePermission } from '$lib/guard';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await requirePermission(parent, 'evals:read');
  return { list: await loadOr(() => api.listEvalRuns()) };
};
