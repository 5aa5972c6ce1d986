import { redirect } from '@sveltejs/kit';
import { api, ApiError } from '$lib/api';
import { queryHref, readQuery } from '$lib/advocates/query';
import { loadOr, requirePermission } from '$lib/guard';
import type { PageLoad } from './$types';

/** One page of advocates, searched and filtered on the server, as the URL says (q, status, consent, cursor). */
export const load: PageLoad = async ({ parent, url }) => {
  await requirePermission(parent, 'advocates:read');
  const query = readQuery(url);
  try {
    const page = await api.listAdvocates(query);
    return { page, query };
  } catch (err) {
    // A cursor from an old link no longer fits: show the first page of the same search instead.
    if (query.cursor && err instanceof ApiError && err.status === 400) redirect(307, queryHref({ ...query, cursor: undefined }));
    return loadOr(() => Promise.reject(err));
  }
};
