import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestClient } from '../support/http-client.js';
import { startServer, type TestServer } from '../support/server.js';

const PASSWORD = 'correct horse battery';
/** Interview notes with things a rep must never read: an aside, a private email, an internal worry. */
const NOTES = `Customer interview – Klinikum Nordheide, Hamburg

Interviewee: Jonas Brandt
Role: Head of Outpatient Services
Company: Klinikum Nordheide
Location: Hamburg, Germany
Size: 1,800 staff, a regional hospital

Background: Nordheide went live with Lumen Scheduler in 2023 for patient scheduling in nine outpatient clinics.
Off the record, Jonas is interviewing for a job at a competitor and may leave in the summer.
Private contact: jonas.brandt.home@example.org, mobile +49 170 555 0199.
Internal note: their renewal is at risk because procurement wants a cheaper vendor.

Results: The no-show rate fell from 12% to 7% within a year.
Jonas: "Patients now book their own appointments at night, and our phone lines are calm in the morning."
Jonas said he is happy to take reference calls with other hospitals.`;

const words = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}%]+/gu, ' ').trim().split(' ').filter(Boolean);
const ngrams = (s: string, n: number) => {
  const w = words(s);
  return Array.from({ length: Math.max(0, w.length - n + 1) }, (_, i) => w.slice(i, i + n).join(' '));
};

/** Every string value in a JSON value (not the keys). */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? v.flatMap(strings) : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];

describe('POST /api/match: reasons carry evidence, never the notes', () => {
  let server: TestServer;
  let rep: TestClient;
  let response: any;
  let approved: { profile: Record<string, string | string[]>; evidence: { field: string; text: string }[] };

  beforeAll(async () => {
    server = await startServer();
    const admin = new TestClient(server.url);
    await admin.post('/api/setup', { email: 'ada@example.com', name: 'Ada Admin', password: PASSWORD });
    await admin.post('/api/users', { email: 'sam@example.com', name: 'Sam Sales', role: 'rep', password: PASSWORD });
    const created = await admin.post('/api/interviews', { notes: NOTES });
    const draft = await admin.waitForDraft(created.body.draft.id);
    // The reviewer approves the facts (the drafter's guesses kept as they are) and confirms consent.
    const r = await admin.post(`/api/drafts/${draft.id}/approve`, {
      profile: draft.profile,
      override: { reason: 'Fixture approved as drafted for the evidence test' },
      consent: { source: 'Agreed in the interview' },
    });
    expect(r.status).toBe(200);
    await server.ctx.match.settled();
    const detail = (await admin.get(`/api/advocates/${r.body.advocate.id}`)).body;
    approved = { profile: detail, evidence: detail.evidence };
    rep = new TestClient(server.url);
    await rep.login('sam@example.com', PASSWORD);
    response = (await rep.post('/api/match', { query: 'hospital in Germany that wants patients to book appointments online' })).body;
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('lists the matching facts with the sentence a reviewer approved with each, or the verbatim quote', () => {
    const [first] = response.results;
    expect(first.advocate.name).toBe('Jonas Brandt');
    const withEvidence = first.reasons.filter((r: { evidence: unknown }) => r.evidence);
    expect(withEvidence.length).toBeGreaterThan(0);
    for (const reason of first.reasons) {
      if (!reason.evidence) continue;
      if (reason.field === 'quotes') expect(reason.evidence).toEqual({ kind: 'verbatim', text: reason.value });
      else expect(approved.evidence.map((e) => e.text)).toContain(reason.evidence.text);
    }
    const region = first.reasons.find((r: { field: string }) => r.field === 'region');
    expect(region?.evidence?.text).toContain('Hamburg, Germany');
    // The excerpts themselves travel with the reasons, not as a copy on the advocate.
    expect(first.advocate.evidence).toBeUndefined();
  });

  it('carries no text of the notes beyond the approved profile and its excerpts', () => {
    const sent = JSON.stringify(response);
    for (const secret of ['competitor', 'renewal is at risk', 'jonas.brandt.home', '0199', 'procurement']) expect(sent).not.toContain(secret);
    // Every run of five words of the notes that the rep received is part of something a person approved.
    const approvedText = [...Object.values(approved.profile).flat().filter((v) => typeof v === 'string'), ...approved.evidence.map((e) => e.text)].join(' \n ');
    const allowed = new Set(approvedText.split('\n').flatMap((part) => ngrams(part, 5)));
    const received = new Set(strings(response).flatMap((v) => ngrams(v, 5)));
    // …and each excerpt is a piece of one line of the notes, never a passage.
    const lines = NOTES.split('\n');
    for (const e of approved.evidence) expect(lines.some((l) => l.includes(e.text.replace(/^…|…$/g, '')))).toBe(true);
    const leaked = NOTES.split('\n').flatMap((line) => ngrams(line, 5)).filter((g) => received.has(g) && !allowed.has(g));
    expect(leaked).toEqual([]);
  });

  it("the advocate page gives a rep who approved each version and when, never what the AI drafted", async () => {
    const admin = new TestClient(server.url);
    await admin.login('ada@example.com', PASSWORD);
    const notes = `Interviewee: Mara Okafor\nRole: CFO\nCompany: Brightwater Bank\nLocation: Lisbon, Portugal\n\nMara: "Closing the books takes three days instead of ten."\nMara: "Off the record, our CEO is about to be replaced."`;
    const draft = await admin.waitForDraft((await admin.post('/api/interviews', { notes })).body.draft.id);
    const offTheRecord = 'Off the record, our CEO is about to be replaced.';
    expect(draft.profile.quotes).toContain(offTheRecord);
    // The reviewer takes the aside out before approving: it must not reach a rep by any route.
    const profile = { ...draft.profile, quotes: draft.profile.quotes.filter((q: string) => q !== offTheRecord) };
    const r = await admin.post(`/api/drafts/${draft.id}/approve`, { profile, consent: { source: 'Agreed in the interview' } });
    expect(r.status).toBe(200);
    const id = r.body.advocate.id;

    const seen = await rep.get(`/api/advocates/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.history).toEqual([{ version: 1, approvedByName: 'Ada Admin', approvedAt: expect.any(String) }]);
    expect(seen.body.versions).toBeUndefined();
    const sent = JSON.stringify(seen.body);
    expect(sent).not.toContain('Off the record');
    expect(sent).not.toContain(draft.id);

    // The advocacy team still sees the AI draft beside what was approved.
    const team = (await admin.get(`/api/advocates/${id}`)).body;
    const change = team.versions[0].changesFromDraft.find((c: { field: string }) => c.field === 'quotes');
    expect(change.before).toContain(offTheRecord);
    expect(change.after).not.toContain(offTheRecord);
  });
});
