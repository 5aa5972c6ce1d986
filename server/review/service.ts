import { advocateKey } from '../domain/advocate.js';
import { approvalBlockers, checkPath, describeCheck, type ApprovalOverride } from '../domain/approval.js';
import type { DraftStatus } from '../domain/draft.js';
import { canTransition } from '../domain/draft.js';
import type { ApprovalConsent } from '../domain/consent.js';
import { approvalSpans, evidenceExcerpts } from '../domain/excerpts.js';
import { conflict, forbidden, invalid, notFound, unprocessable } from '../domain/errors.js';
import { MIN_NOTES_CHARS, type InterviewSource } from '../domain/interview.js';
import { diffProfiles, ProfileFields } from '../domain/profile.js';
import { normaliseNotes } from '../domain/transcript.js';
import type { User } from '../domain/user.js';
import type { EventBus } from '../events.js';
import { isUniqueViolation } from '../store/db.js';
import type { Stores, TxStores } from '../store/index.js';
import type { DraftingQueue } from './drafting.js';

/**
 * The review journey: notes in → draft queued; a person approves (creating or updating an advocate, in
 * one transaction with the audit row) or rejects. Only here does AI output become an advocate.
 */
export function createReviewService(deps: {
  stores: Stores;
  queue: DraftingQueue;
  bus: EventBus;
  onAdvocateApproved: (advocateId: string) => void;
  /** Four-eyes: the person who pasted the notes may not approve their draft. */
  fourEyes?: boolean;
}) {
  const { stores, queue, bus } = deps;
  /** The draft, locked for this decision: of two instances deciding it at once, the second sees the first's decision. */
  const requireDraft = async (tx: TxStores, id: string) => {
    const draft = await tx.drafts.getForDecision(id);
    if (!draft) throw notFound('Draft');
    return draft;
  };
  const requireTransition = (from: DraftStatus, to: DraftStatus, verb: string) => {
    if (!canTransition(from, to)) throw conflict(`This draft is ${from}; it cannot be ${verb}.`);
  };

  return {
    async submitInterview(input: { notes: string; source?: InterviewSource }, user: User) {
      if (input.notes.includes('\u0000')) throw invalid('The notes contain binary data; paste text or upload a .txt, .md, .vtt or .srt file.');
      const { text, kind } = normaliseNotes(input.notes, input.source?.filename);
      if (text.trim().length < MIN_NOTES_CHARS) {
        throw invalid(`The notes are too short to draft a profile (at least ${MIN_NOTES_CHARS} characters of text).`, [
          { path: 'notes', message: `At least ${MIN_NOTES_CHARS} characters` },
        ]);
      }
      const source: InterviewSource = { kind: input.source?.kind ?? kind, filename: input.source?.filename };
      // One transaction: the notes are never stored without their draft, nor a draft without its notes.
      const { interview, draft } = await stores.transaction(async (tx) => {
        const interview = await tx.interviews.insert({ notes: input.notes, text, source, createdBy: user.id });
        const draft = await tx.drafts.insert({
          interviewId: interview.id,
          provider: queue.provider,
          model: queue.model,
          createdBy: user.id,
        });
        await tx.audit.record({ actorId: user.id, action: 'interview.created', subjectType: 'interview', subjectId: interview.id });
        return { interview, draft };
      });
      queue.enqueue(draft.id);
      return { interview: { id: interview.id }, draft: { id: draft.id, status: draft.status } };
    },

    async approve(id: string, input: { profile?: ProfileFields; override?: ApprovalOverride; consent?: ApprovalConsent }, user: User) {
      const edited = input.profile;
      const result = await stores.transaction(async (tx) => {
        const draft = await requireDraft(tx, id);
        requireTransition(draft.status, 'approved', 'approved');
        if (!draft.profile) throw conflict('This draft has no profile to approve.');
        if (deps.fourEyes && draft.createdBy === user.id) {
          throw forbidden('Four-eyes review is on: someone other than the person who pasted these notes must approve.');
        }
        const profile = edited ?? draft.profile;
        const interview = await tx.interviews.get(draft.interviewId);
        if (!interview) throw notFound('Interview');
        // Checks run again on what is being approved, edits included: the reviewer may have typed a quote.
        const blockers = approvalBlockers(interview.text, profile);
        if (blockers.length > 0 && !input.override) {
          throw unprocessable(
            `Not approved: ${blockers.map(describeCheck).join('; ')}. Fix or remove these, or approve with an override and a reason.`,
            blockers.map((c) => ({ path: checkPath(c), message: c.message })),
          );
        }
        const override = blockers.length > 0 && input.override ? { reason: input.override.reason, checks: blockers } : undefined;
        if (!profile.name.trim() && !profile.company.trim()) {
          throw invalid('Give the advocate a name or a company before approving.', [
            { path: 'profile.name', message: 'Name or company is required' },
          ]);
        }
        const key = advocateKey(profile);
        const existing = await tx.advocates.findByKey(key);
        // A new version of an existing advocate: take its row first so concurrent approvals number versions in turn.
        if (existing) await tx.advocates.lock(existing.id);
        // What reps may see of these notes: the sentence behind each approved fact (server/domain/excerpts.ts).
        const evidence = evidenceExcerpts(interview.text, approvalSpans(interview.text, draft, profile));
        const saved = await tx.advocates.saveVersion({
          advocateId: existing?.id,
          key,
          profile,
          draftId: draft.id,
          approvedBy: user.id,
          changes: diffProfiles(draft.profile, profile),
          override,
          evidence,
        });
        if (!(await tx.drafts.markApproved(draft.id, user.id, saved.id))) throw conflict('This draft was decided meanwhile; reload it.');
        await tx.audit.record({
          actorId: user.id,
          action: 'draft.approved',
          subjectType: 'draft',
          subjectId: draft.id,
          detail: { advocateId: saved.id, version: saved.version, edited: edited !== undefined, override, excerpts: evidence.length },
        });
        if (input.consent) {
          await tx.advocates.setConsent(saved.id, { state: 'granted', source: input.consent.source, recordedBy: user.id });
          await tx.audit.record({
            actorId: user.id,
            action: 'advocate.consent_granted',
            subjectType: 'advocate',
            subjectId: saved.id,
            detail: { source: input.consent.source, at: 'approval', draftId: draft.id },
          });
        }
        return { id: saved.id, version: saved.version, consent: (await tx.advocates.get(saved.id))!.consent.state };
      }).catch((err: unknown) => {
        // Two drafts of the same person approved at the same moment on two instances: the second one's new
        // advocate collides with the first's on the identity key. Nothing was written; approving again updates it.
        if (isUniqueViolation(err)) throw conflict('This advocate was approved from another draft at the same moment; approve again.');
        throw err;
      });
      bus.publish({ type: 'draft.updated', draft: { id, status: 'approved' } });
      deps.onAdvocateApproved(result.id);
      return { advocate: result };
    },

    async reject(id: string, reason: string, user: User) {
      await stores.transaction(async (tx) => {
        const draft = await requireDraft(tx, id);
        requireTransition(draft.status, 'rejected', 'rejected');
        await tx.drafts.markRejected(id, user.id, reason);
        await tx.audit.record({ actorId: user.id, action: 'draft.rejected', subjectType: 'draft', subjectId: id, detail: { reason } });
      });
      bus.publish({ type: 'draft.updated', draft: { id, status: 'rejected' } });
      return { ok: true as const };
    },

    async retry(id: string, user: User) {
      await stores.transaction(async (tx) => {
        const draft = await requireDraft(tx, id);
        if (draft.status !== 'failed') throw conflict(`Only failed drafts can be retried; this one is ${draft.status}.`);
        await tx.drafts.restart(id, queue.provider, queue.model);
        await tx.audit.record({ actorId: user.id, action: 'draft.retried', subjectType: 'draft', subjectId: id });
      });
      queue.enqueue(id);
      return { draft: { id, status: 'drafting' as const } };
    },

    /** Resolves when no draft is being written or waiting (shutdown, tests). */
    queueIdle(): Promise<void> {
      return queue.idle();
    },

    /** A waiting draft's place in the drafting queue (1 = next), read live: it is not stored. */
    queuePosition(id: string): Promise<number | undefined> {
      return queue.position(id);
    },

    /** Drafts interrupted by a stop are drafted again at start: the notes are safe, the work resumes. */
    async resumeUnfinished(): Promise<number> {
      return queue.resume();
    },
  };
}
export type ReviewService = ReturnType<typeof createReviewService>;
