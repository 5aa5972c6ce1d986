/**
 * A small cookie-keeping JSON client for integration tests: real HTTP against a listening server, like a
 * browser (session cookie + CSRF header on writes) or a script (bearer token).
 */
export class TestClient {
  private cookie = '';
  private csrf = '';
  constructor(
    readonly base: string,
    private bearer?: string,
  ) {}

  withToken(token: string): TestClient {
    return new TestClient(this.base, token);
  }

  /** The same signed-in browser (cookie + CSRF token) talking to another server: another instance. */
  at(base: string): TestClient {
    const other = new TestClient(base, this.bearer);
    other.cookie = this.cookie;
    other.csrf = this.csrf;
    return other;
  }

  get cookieHeader(): string {
    return this.cookie;
  }

  async request(method: string, path: string, body?: unknown, opts: { csrf?: boolean; raw?: string; contentType?: string } = {}) {
    const headers: Record<string, string> = {};
    if (body !== undefined || opts.raw !== undefined) headers['content-type'] = opts.contentType ?? 'application/json';
    if (this.cookie) headers.cookie = this.cookie;
    if (this.bearer) headers.authorization = `Bearer ${this.bearer}`;
    if (this.csrf && opts.csrf !== false && method !== 'GET') headers['x-csrf-token'] = this.csrf;
    const res = await fetch(this.base + path, {
      method,
      headers,
      body: opts.raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0];
      this.cookie = pair.endsWith('=') ? '' : pair;
    }
    const text = await res.text();
    let json: any = undefined;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (json && typeof json.csrfToken === 'string' && json.csrfToken) this.csrf = json.csrfToken;
    return { status: res.status, body: json, text, headers: res.headers };
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body?: unknown, opts?: { csrf?: boolean; raw?: string; contentType?: string }) =>
    this.request('POST', path, body, opts);
  delete = (path: string) => this.request('DELETE', path);

  async login(email: string, password: string) {
    const r = await this.post('/api/session', { email, password });
    if (r.status !== 200) throw new Error(`login failed: ${r.status} ${r.text}`);
    return r;
  }

  /**
   * Pastes notes, waits for the draft and approves it as drafted (with an override, so a fixture's
   * heuristic misses do not block the test's real subject), confirming the customer's consent so the
   * advocate is searchable (`consent: false` leaves it unrecorded). Returns the advocate id.
   */
  async approveNotes(notes: string, reason = 'Fixture approved as drafted for this test', opts: { consent?: boolean } = {}): Promise<string> {
    const r = await this.post('/api/interviews', { notes });
    if (r.status !== 202) throw new Error(`interview: ${r.status} ${r.text}`);
    const draft = await this.waitForDraft(r.body.draft.id);
    const consent = opts.consent === false ? {} : { consent: { source: 'Agreed in the interview (test fixture)' } };
    const ok = await this.post(`/api/drafts/${draft.id}/approve`, { profile: draft.profile, override: { reason }, ...consent });
    if (ok.status !== 200) throw new Error(`approve: ${ok.status} ${ok.text}`);
    return ok.body.advocate.id;
  }

  /** Polls a draft until it leaves `drafting`. */
  async waitForDraft(id: string, timeoutMs = 30_000) {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const r = await this.get(`/api/drafts/${id}`);
      if (r.status !== 200) throw new Error(`draft ${id}: ${r.status} ${r.text}`);
      if (r.body.status !== 'drafting') return r.body;
      if (Date.now() > until) throw new Error(`draft ${id} still drafting after ${timeoutMs} ms`);
      await new Promise((res) => setTimeout(res, 100));
    }
  }
}
