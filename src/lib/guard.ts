import { error, redirect } from '@sveltejs/kit';
import { ROLE_LABELS, type Permission } from '$domain/user';
import { ApiError } from '$lib/api';
import { session } from '$lib/session.svelte';

/** For page loaders: wait for the layout (which loads the session), then check the role may be here. */
export async function requirePermission(parent: () => Promise<unknown>, permission: Permission): Promise<void> {
  await parent();
  const user = session.user;
  if (!user) redirect(307, '/login');
  if (!session.can(permission)) {
    error(403, `This page is not part of the ${ROLE_LABELS[user.role]} role. Use the links above for your work.`);
  }
}

/** Run an API call in a loader; a failure becomes SvelteKit's error page with the API's readable message. */
export async function loadOr<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof ApiError) error(err.status >= 400 ? err.status : 503, err.message);
    throw err;
  }
}

export function loginUrl(url: URL): string {
  const next = url.pathname + url.search;
  return next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`;
}

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
