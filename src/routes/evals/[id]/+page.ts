import { api } from '$lib/api';
import { loadOr, requirePermission } from '$lib/guard';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, params }) => {
  await requirePermission(parent, 'evals:read');
  return { run: await loadOr(() => api.getEvalRun(params.id)) };
};
