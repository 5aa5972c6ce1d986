import { requirePermission } from '$lib/guard';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent }) => {
  await requirePermission(parent, 'interviews:create');
  return {};
};
