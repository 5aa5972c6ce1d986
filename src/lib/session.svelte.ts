import { can, type Permission, type User } from '$domain/user';
import { ApiError, api, onUnauthorized, setCsrfToken } from '$lib/api';
import { flash } from '$lib/flash.svelte';
import { live } from '$lib/live.svelte';

/** Who is signed in, for the whole tab. Loaded once from GET /api/me; cleared on sign-out or a 401. */
export class Session {
  user = $state<User | null>(null);
  loaded = $state(false);
  /** Set when a call answered 401 while signed in: the layout sends the person to /login. */
  expired = $state(false);
  /** Whose tab-wide state (typed notes, lists, search results) the stores hold now. */
  #owner: string | null = null;
  readonly #forgetters = new Set<() => void>();

  /**
   * Tab-wide state that belongs to the person signed in registers how to drop it here. It is dropped when
   * they sign out, and when someone else signs in on this tab after a session expired (the same person
   * signing in again gets their unsent notes back: nothing typed is lost to an expiry).
   */
  onIdentityChange(forget: () => void): void {
    this.#forgetters.add(forget);
  }

  async load(force = false): Promise<User | null> {
    if (this.loaded && !force) return this.user;
    try {
      const me = await api.me();
      this.#signedIn(me.user, me.csrfToken);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 401)) throw err;
      this.#signedOut();
    }
    this.loaded = true;
    return this.user;
  }

  async signIn(email: string, password: string): Promise<User | null> {
    await api.login({ email, password });
    return this.load(true);
  }

  async signOut(): Promise<void> {
    try {
      await api.logout();
    } finally {
      this.#signedOut();
      this.#forget();
    }
  }

  can(permission: Permission): boolean {
    return this.user !== null && can(this.user.role, permission);
  }

  /** Called by the API client on an unexpected 401. */
  handleExpired(): void {
    if (!this.user) return;
    this.#signedOut();
    this.expired = true;
  }

  #forget(): void {
    this.#owner = null;
    for (const forget of this.#forgetters) forget();
  }

  #signedIn(user: User, csrfToken: string): void {
    if (this.#owner !== null && this.#owner !== user.id) this.#forget();
    this.#owner = user.id;
    this.user = user;
    this.expired = false;
    setCsrfToken(csrfToken);
    live.connect();
  }

  #signedOut(): void {
    this.user = null;
    flash.clear();
    setCsrfToken(null);
    live.disconnect();
  }
}

export const session = new Session();
onUnauthorized(() => session.handleExpired());
// The websocket was refused for lack of a session: find out whether the session really ended.
live.onAuthLost(() => {
  if (!session.user) return;
  session.load(true).then(
    (user) => {
      if (!user) session.expired = true;
    },
    () => {},
  );
});
