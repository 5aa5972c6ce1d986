import { AdvocateConsentFilter } from '$domain/api/advocates';
import { AdvocateStatus } from '$domain/advocate';

/** What /advocates shows, as its URL says (so back/forward, reload and shared links show the same page). */
export type AdvocateQuery = { q: string; status?: AdvocateStatus; consent?: AdvocateConsentFilter; cursor?: string };

/** The query from the page's URL; values the API would refuse (an old bookmark, a typo) are left out. */
export function readQuery(url: URL): AdvocateQuery {
  const p = url.searchParams;
  const status = AdvocateStatus.safeParse(p.get('status'));
  const consent = AdvocateConsentFilter.safeParse(p.get('consent'));
  return {
    q: (p.get('q') ?? '').slice(0, 200),
    ...(status.success ? { status: status.data } : {}),
    ...(consent.success ? { consent: consent.data } : {}),
    ...(p.get('cursor') ? { cursor: p.get('cursor')! } : {}),
  };
}

/** `/advocates?q=…` for a query; a new search or filter starts at the first page (no cursor). */
export function queryHref(q: AdvocateQuery): string {
  const params = new URLSearchParams();
  if (q.q.trim()) params.set('q', q.q.trim());
  if (q.status) params.set('status', q.status);
  if (q.consent) params.set('consent', q.consent);
  if (q.cursor) params.set('cursor', q.cursor);
  return params.size ? `/advocates?${params}` : '/advocates';
}
