import { api } from '$lib/api';
import { loadOr, requirePermission } from '$lib/guard';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ parent, depends }) => {
  await requirePermission(parent, 'users:manage');
  depends('app:users');
  const { items } = await loadOr(() => api.listUsers());
  return { users: items };
};
