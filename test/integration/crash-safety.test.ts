import { afterAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../support/app.js';
import { TestClient } from '../support/http-client.js';
import { checkStore } from '../support/invariants.js';
import { PASSWORD } from '../support/roles.js';

/**
 * kill -9 under concurrent writes. The real server (its own process) gets a burst of approvals, request
 * creations, request decisions, new interviews and erasures over HTTP, all sent at once; when a share of them has been
 * acknowledged it is SIGKILLed. Restarted on the same data dir: the store opens, every write that was
 * acknowledged with a 2xx is there, nothing is half-written, and the search index caught up at start.
 */
const SEED_DRAFTS = 48;
const FOR_REQUESTS = 8;
const REPS = 6;
const NEW_INTERVIEWS = 30;
/** Ready drafts erased in the burst (notes pasted by mistake), and approved advocates erased in it (right to erasure). */
const ERASE_DRAFTS = 6;
const ERASE_ADVOCATES = 3;
/** Kill after this share of the burst has been acknowledged. */
const KILL_AT = 0.4;

/** Distinct pronounceable words (letters only: the drafter reads names as words). */
const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'si', 'to', 'va', 'be', 'du'];
const word = (i: number) => {
  const s = `${SYLLABLES[i % 10]}${SYLLABLES[Math.floor(i / 10) % 10]}${SYLLABLES[Math.floor(i / 100) % 10]}r`;
  return s[0].toUpperCase() + s.slice(1);
};
const notes = (i: number) =>
  `Interviewee: Dana ${word(i)}\nRole: Head of Operations\nCompany: ${word(i)}corp\nLocation: Leeds, United Kingdom\n\n` +
  `Dana said: "We cut onboarding time by 40% in the first quarter." The team uses Lumen Scheduler every day and would take a reference call.`;

type Op = {
  kind: 'approve' | 'request' | 'decide' | 'interview' | 'erase-draft' | 'erase-advocate';
  target: string;
  status?: number;
  body?: any;
  error?: string;
  /** Sent after the kill (a decision chained on an acknowledged creation): refused, not in flight. */
  afterKill?: boolean;
};

describe('kill -9 while writing', () => {
  let running: RunningApp | undefined;
  afterAll(async () => {
    await running?.stop();
  });

  it('keeps every acknowledged write and half-writes nothing', async () => {
    running = await startApp();
    const admin = new TestClient(running.url);
    await admin.post('/api/setup', { email: 'admin@example.com', name: 'Admin', password: PASSWORD });
    const tokenFor = async (email: string) => {
      const c = new TestClient(running!.url);
      await c.login(email, PASSWORD);
      return new TestClient(running!.url, (await c.post('/api/tokens', { name: 'crash' })).body.token);
    };
    for (const [email, role] of [['manager@example.com', 'manager'], ['reviewer@example.com', 'reviewer']]) {
      await admin.post('/api/users', { email, name: role, role, password: PASSWORD });
    }
    const reps: TestClient[] = [];
    for (let i = 0; i < REPS; i++) {
      await admin.post('/api/users', { email: `rep${i}@example.com`, name: `Rep ${i}`, role: 'rep', password: PASSWORD });
      reps.push(await tokenFor(`rep${i}@example.com`));
    }
    const manager = await tokenFor('manager@example.com');
    const reviewer = await tokenFor('reviewer@example.com');
    const adminToken = await tokenFor('admin@example.com');

    // Seed: ready drafts, and a few approved advocates to request.
    const drafts: string[] = [];
    for (let i = 0; i < SEED_DRAFTS; i++) drafts.push((await manager.post('/api/interviews', { notes: notes(i) })).body.draft.id);
    for (const id of drafts) expect((await reviewer.waitForDraft(id)).status).toBe('ready');
    const advocates: string[] = [];
    for (const id of drafts.slice(0, FOR_REQUESTS)) {
      const r = await reviewer.post(`/api/drafts/${id}/approve`, { override: { reason: 'Seeded for the crash test' }, consent: { source: 'Agreed in the interview' } });
      expect(r.status).toBe(200);
      advocates.push(r.body.advocate.id);
    }

    // To erase in the burst: ready drafts, and approved advocates without requests.
    const toErase: string[] = [];
    for (let i = 0; i < ERASE_DRAFTS + ERASE_ADVOCATES; i++) toErase.push((await manager.post('/api/interviews', { notes: notes(500 + i) })).body.draft.id);
    const erasable: { id: string; name: string }[] = [];
    for (const id of toErase.slice(ERASE_DRAFTS)) {
      const draft = await reviewer.waitForDraft(id);
      const r = await reviewer.post(`/api/drafts/${id}/approve`, { override: { reason: 'Seeded for the crash test' }, consent: { source: 'Agreed in the interview' } });
      expect(r.status).toBe(200);
      erasable.push({ id: r.body.advocate.id, name: draft.profile.name || draft.profile.company });
    }
    for (const id of toErase.slice(0, ERASE_DRAFTS)) expect((await reviewer.waitForDraft(id)).status).toBe('ready');

    // The burst: everything sent at once; SIGKILL when KILL_AT of it has been acknowledged.
    const ops: Op[] = [];
    const child = running.process;
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    let settled = 0;
    let killedAt: { acked: number; inFlight: number } | undefined;
    // Creations and approvals go out at once; decisions follow acknowledged creations (at most one each).
    const planned = drafts.length - FOR_REQUESTS + REPS * advocates.length * 2 + NEW_INTERVIEWS + ERASE_DRAFTS + ERASE_ADVOCATES;
    const track = async (op: Op, send: () => Promise<{ status: number; body: any }>) => {
      op.afterKill = killedAt !== undefined;
      ops.push(op);
      try {
        const r = await send();
        op.status = r.status;
        op.body = r.body;
      } catch (err) {
        op.error = String((err as Error).cause ?? err);
      }
      settled += 1;
      const acked = ops.filter((o) => o.status !== undefined && o.status < 300).length;
      if (!killedAt && acked >= Math.floor(planned * KILL_AT)) {
        killedAt = { acked, inFlight: ops.length - settled };
        child.kill('SIGKILL');
      }
      return op;
    };
    // Interleaved, so that the kill lands among approvals, requests, decisions and new interviews alike.
    const approvals = drafts.slice(FOR_REQUESTS).map((id) => () =>
      track({ kind: 'approve', target: id }, () => reviewer.post(`/api/drafts/${id}/approve`, { override: { reason: 'Approved in the crash burst' }, consent: { source: 'Agreed in the interview' } })),
    );
    const requests = reps.flatMap((rep, i) =>
      advocates.map((advocateId, j) => () =>
        // A creation, then its decision as soon as it is acknowledged: decisions are in flight too.
        track({ kind: 'request', target: advocateId }, () =>
          rep.post('/api/requests', { advocateId, kind: 'case_study', prospectCompany: `Prospect ${i}`, description: 'Needs a case study on onboarding times' }),
        ).then((created) => {
          if (created.status !== 201) return created;
          const id = created.body.id as string;
          return track({ kind: 'decide', target: id }, () =>
            (i + j) % 2 === 0 ? manager.post(`/api/requests/${id}/decline`, { reason: 'Not this quarter' }) : manager.post(`/api/requests/${id}/approve`, {}),
          );
        }),
      ),
    );
    const interviews = Array.from({ length: NEW_INTERVIEWS }, (_, i) => () =>
      track({ kind: 'interview', target: `burst ${i}` }, () => manager.post('/api/interviews', { notes: notes(1000 + i) })),
    );
    const erasures = [
      ...toErase.slice(0, ERASE_DRAFTS).map((id) => () =>
        track({ kind: 'erase-draft', target: id }, () => manager.post(`/api/drafts/${id}/erase`, { reason: 'Pasted by mistake (crash burst)' })),
      ),
      ...erasable.map((a) => () =>
        track({ kind: 'erase-advocate', target: a.id }, () => adminToken.post(`/api/advocates/${a.id}/erase`, { reason: 'Erasure request (crash burst)', confirm: a.name })),
      ),
    ];
    const burst: Promise<Op>[] = [];
    for (let i = 0; i < Math.max(approvals.length, requests.length, interviews.length, erasures.length); i++) {
      for (const list of [approvals, requests, interviews, erasures]) if (list[i]) burst.push(list[i]());
    }
    await Promise.all(burst);
    const signal = await exited;
    expect(signal).toBe('SIGKILL');
    expect(killedAt).toBeDefined();

    const acked = ops.filter((o) => o.status !== undefined && o.status < 300);
    const lost = ops.filter((o) => o.error !== undefined && !o.afterKill);
    const refused = ops.filter((o) => o.afterKill).length;
    console.log(
      `crash test: ${ops.length - refused} writes sent (approvals, request creations, interviews and erasures all at once, interleaved; each decision once its creation was acknowledged); ` +
        `SIGKILL after ${killedAt!.acked} acknowledged, with ${killedAt!.inFlight} in flight; ` +
        `${acked.length} acknowledged in all, ${lost.length} cut off by the kill without an answer, ` +
        `${ops.length - refused - acked.length - lost.length} answered 4xx, ${refused} decisions refused after the kill`,
    );
    // Mid-way for real: some writes were acknowledged and some were cut off.
    expect(acked.length).toBeGreaterThan(0);
    expect(lost.length).toBeGreaterThan(0);

    // Restart on the same data: the store opens (migrations, WAL recovery) and says it is healthy.
    const dataDir = running.dataDir;
    running = await startApp({ dataDir });
    const adminAgain = await (async () => {
      const c = new TestClient(running!.url);
      await c.login('admin@example.com', PASSWORD);
      return c;
    })();
    expect((await adminAgain.get('/api/health')).status).toBe(200);

    // Nothing half-written, anywhere.
    const report = checkStore(dataDir);
    expect(report).toMatchObject({ integrity: 'ok', foreignKeyViolations: 0, broken: {} });
    // The search index reconciled with the records before the server said it was ready.
    expect(report.counts.unindexedAdvocates).toBe(0);

    // Every acknowledged write is there, as it was acknowledged.
    const missing: string[] = [];
    for (const op of acked) {
      if (op.kind === 'approve') {
        const d = await adminAgain.get(`/api/drafts/${op.target}`);
        if (d.body?.status !== 'approved' || d.body.advocateId !== op.body.advocate.id) missing.push(`approval of ${op.target}`);
        const a = await adminAgain.get(`/api/advocates/${op.body.advocate.id}`);
        if (!a.body?.versions?.some((v: { version: number; draftId: string }) => v.version === op.body.advocate.version)) missing.push(`version of ${op.target}`);
      } else if (op.kind === 'erase-draft') {
        if ((await adminAgain.get(`/api/drafts/${op.target}`)).status !== 404) missing.push(`erasure of draft ${op.target}`);
      } else if (op.kind === 'erase-advocate') {
        if ((await adminAgain.get(`/api/advocates/${op.target}`)).status !== 404) missing.push(`erasure of advocate ${op.target}`);
      } else if (op.kind === 'request' || op.kind === 'decide') {
        const r = await adminAgain.get(`/api/requests/${op.body.id}`);
        if (r.status !== 200) missing.push(`request ${op.body.id}`);
        else if (op.kind === 'decide' && r.body.status !== op.body.status) missing.push(`decision on ${op.body.id}: ${r.body.status} ≠ ${op.body.status}`);
      } else {
        const d = await adminAgain.get(`/api/drafts/${op.body.draft.id}`);
        if (d.status !== 200 || d.body.interview.notes !== notes(1000 + Number(op.target.split(' ')[1]))) missing.push(`interview ${op.target}`);
      }
    }
    expect(missing).toEqual([]);

    // Writes cut off without an answer either committed whole before the kill or not at all (the invariants
    // above); how many of each is what the kill left.
    const unanswered = (kind: Op['kind']) => lost.filter((o) => o.kind === kind).length;
    const ackedOf = (kind: Op['kind']) => acked.filter((o) => o.kind === kind).length;
    let approvedUnanswered = 0;
    for (const op of lost.filter((o) => o.kind === 'approve')) {
      if ((await adminAgain.get(`/api/drafts/${op.target}`)).body.status === 'approved') approvedUnanswered += 1;
    }
    const requestsUnanswered = report.counts.advocate_requests - ackedOf('request');
    // Each erasure removed one interview (acknowledged or committed before the kill without an answer).
    const erased = report.counts.erasures;
    expect(erased).toBeGreaterThanOrEqual(ackedOf('erase-draft') + ackedOf('erase-advocate'));
    expect(erased).toBeLessThanOrEqual(ERASE_DRAFTS + ERASE_ADVOCATES);
    const interviewsUnanswered = report.counts.interviews - SEED_DRAFTS - ERASE_DRAFTS - ERASE_ADVOCATES + erased - ackedOf('interview');
    console.log(
      `crash test: unanswered but committed: approvals ${approvedUnanswered}/${unanswered('approve')}, ` +
        `request creations ${requestsUnanswered}/${unanswered('request')}, interviews ${interviewsUnanswered}/${unanswered('interview')}; ` +
        `erasures ${erased} committed, ${ackedOf('erase-draft') + ackedOf('erase-advocate')} of them acknowledged`,
    );
    expect(requestsUnanswered).toBeGreaterThanOrEqual(0);
    expect(requestsUnanswered).toBeLessThanOrEqual(unanswered('request'));
    expect(interviewsUnanswered).toBeGreaterThanOrEqual(0);
    expect(interviewsUnanswered).toBeLessThanOrEqual(unanswered('interview'));

    // Approved advocates are found by search after the restart (one, by its unique company word).
    const firstApproved = acked.find((o) => o.kind === 'approve');
    if (firstApproved) {
      const a = (await adminAgain.get(`/api/advocates/${firstApproved.body.advocate.id}`)).body;
      const m = await adminAgain.post('/api/match', { query: `${a.company} operations onboarding`, limit: 10 });
      expect(m.status).toBe(200);
      expect(m.body.results.map((r: { advocate: { id: string } }) => r.advocate.id)).toContain(a.id);
    }
    // Interviews whose drafts were cut off mid-drafting are resumed, not lost.
    await expect.poll(async () => (await adminAgain.get('/api/drafts?status=drafting')).body.items.length, { timeout: 30_000 }).toBe(0);
  });
});
