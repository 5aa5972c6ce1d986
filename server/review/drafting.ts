import type { Draft, DraftError } from '../domain/draft.js';
import { alignEvidence, checkDraft } from '../domain/grounding.js';
import type { Drafter } from '../llm/types.js';
import type { EventBus } from '../events.js';
import type { DraftStore } from '../store/drafts.js';
import type { InterviewStore } from '../store/interviews.js';

/**
 * Writes drafts in the background. The queue is the drafts table itself: a draft `drafting` that no worker
 * holds is waiting; a worker claims drafts (row claims: FOR UPDATE SKIP LOCKED on Postgres) for a lease it
 * renews while it drafts. So several instances on one database drain one queue without doing a draft twice,
 * a draft accepted by one instance may be written by another, and the drafts of an instance that died are
 * taken over when their lease lapses. Each instance drafts at most `concurrency` at once: a burst keeps the
 * server responsive, extra drafts wait `queued` with their place in line, none is dropped. A draft whose
 * drafter fails is marked `failed` with the reason; its interview is untouched and it can be retried.
 */
export function createDraftingQueue(deps: {
  drafter: Drafter;
  drafts: DraftStore;
  interviews: InterviewStore;
  bus: EventBus;
  concurrency: number;
  log: { error: (obj: object, msg: string) => void; warn?: (msg: string) => void };
  /** This process's worker id (unique per process; `<instance id>/<random>`). */
  workerId: string;
  /** How long a claim holds without renewal (renewed every third of it while drafting). */
  leaseMs?: number;
  /** How often to look for drafts other instances accepted or abandoned (0: only when told). */
  pollMs?: number;
  /**
   * Claims to free at start, so this instance's own interrupted drafts resume at once instead of after
   * their lease: `null` all of them (SQLite: one instance owns the database), a worker-id prefix (a stable
   * VOUCH_INSTANCE_ID), or undefined (none: they lapse).
   */
  releaseAtStart?: string | null;
  /** Tells other instances that a draft waits (Postgres NOTIFY); they claim it if they have room. */
  announce?: () => void;
}) {
  const { drafter, drafts, interviews, bus, workerId } = deps;
  const leaseMs = deps.leaseMs ?? 30_000;
  const running = new Set<string>();
  const idleResolvers: (() => void)[] = [];
  let pumping: Promise<void> | undefined;
  let again = false;
  let stopped = false;
  let poller: NodeJS.Timeout | undefined;
  let lastLine = '';

  const leaseUntil = () => new Date(Date.now() + leaseMs).toISOString();
  const publish = (d: Pick<Draft, 'id' | 'status' | 'progress'> & { error?: DraftError }) =>
    bus.publish({ type: 'draft.updated', draft: d });
  const settleIdle = () => {
    if (running.size === 0 && !pumping) idleResolvers.splice(0).forEach((r) => r());
  };

  async function run(id: string): Promise<void> {
    const started = performance.now();
    let lost = false;
    const heartbeat = setInterval(() => {
      drafts.renew(id, workerId, leaseUntil()).then(
        (held) => void (lost ||= !held),
        (err: unknown) => deps.log.error({ err, draftId: id }, 'renewing a draft claim failed'),
      );
    }, Math.max(50, Math.floor(leaseMs / 3)));
    heartbeat.unref();
    const fail = async (error: DraftError) => {
      if (await drafts.markFailed(id, error, performance.now() - started, workerId)) publish({ id, status: 'failed', error });
    };
    try {
      const draft = await drafts.get(id);
      const interview = draft && (await interviews.get(draft.interviewId));
      if (!draft || !interview) return;
      let lastWrite = 0;
      const outcome = await drafter.draft({
        text: interview.text,
        onProgress: (progress) => {
          // Progress goes to the browser every time, to the database at most every 500 ms.
          publish({ id, status: 'drafting', progress });
          if (performance.now() - lastWrite > 500) {
            lastWrite = performance.now();
            drafts.setProgress(id, progress, workerId).catch((err: unknown) => deps.log.error({ err, draftId: id }, 'saving progress failed'));
          }
        },
      });
      if (!outcome.ok) return await fail(outcome.error);
      publish({ id, status: 'drafting', progress: { stage: 'checking', fraction: 0.95 } });
      const evidence = alignEvidence(interview.text, outcome.profile, outcome.excerpts);
      const checks = checkDraft(interview.text, outcome.profile, evidence);
      const stored = await drafts.markReady(
        id,
        {
          profile: outcome.profile,
          evidence,
          checks,
          promptId: outcome.promptId,
          promptVersion: outcome.promptVersion,
          durationMs: performance.now() - started,
        },
        workerId,
      );
      if (stored) publish({ id, status: 'ready', progress: { stage: 'done', fraction: 1 } });
      else deps.log.warn?.(`draft ${id}: the claim was lost${lost ? ' (renewal failed)' : ''}: another worker took it, or the draft was erased; this result is dropped`);
    } catch (err) {
      deps.log.error({ err, draftId: id }, 'drafting crashed');
      await fail({ code: 'internal', message: 'Drafting failed unexpectedly; the notes are kept. Retry the draft.', retryable: true }).catch(
        (e: unknown) => deps.log.error({ err: e, draftId: id }, 'marking a draft failed failed'),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  /** Tells waiting drafts their place in line (only to this instance's sockets, and only when it changed). */
  async function announceLine(): Promise<void> {
    const waiting = await drafts.waiting();
    const line = waiting.join(',');
    if (line === lastLine) return;
    lastLine = line;
    waiting.forEach((id, position) =>
      bus.publish({ type: 'draft.updated', draft: { id, status: 'drafting', progress: queuedProgress(position + 1) } }, { local: true }),
    );
  }

  /** Claims as many waiting drafts as there are free slots and starts them. Re-entrant calls coalesce. */
  function pump(): void {
    if (stopped) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = (async () => {
      do {
        again = false;
        const free = deps.concurrency - running.size;
        const claimed = free > 0 ? await drafts.claim(workerId, { limit: free, until: leaseUntil() }) : [];
        for (const id of claimed) {
          running.add(id);
          void run(id).finally(() => {
            running.delete(id);
            pump();
            settleIdle();
          });
        }
        await announceLine();
      } while (again && !stopped);
    })()
      .catch((err: unknown) => deps.log.error({ err }, 'claiming drafts failed; retrying at the next poll'))
      .finally(() => {
        pumping = undefined;
        settleIdle();
      });
  }

  return {
    provider: drafter.provider,
    model: drafter.model,
    /** A draft now waits in the table: claim it here if there is room, and tell the other instances. */
    enqueue(_id: string): void {
      deps.announce?.();
      pump();
    },
    /** Another instance accepted a draft (or freed a slot): look for work. */
    poke(): void {
      pump();
    },
    /** At start: free this instance's interrupted claims, start polling, claim. Returns how many drafts wait. */
    async resume(): Promise<number> {
      if (deps.releaseAtStart !== undefined) await drafts.releaseClaims(deps.releaseAtStart);
      const waiting = (await drafts.waiting()).length;
      if (deps.pollMs && !poller) {
        poller = setInterval(pump, deps.pollMs);
        poller.unref();
      }
      pump();
      return waiting;
    },
    /** Stops claiming; resolves when this instance's running drafts are done (shutdown). */
    async stop(): Promise<void> {
      stopped = true;
      if (poller) clearInterval(poller);
      await this.idle();
    },
    /** Resolves when nothing is drafting here (used by shutdown and tests). */
    idle(): Promise<void> {
      if (running.size === 0 && !pumping) return Promise.resolve();
      return new Promise((resolve) => idleResolvers.push(resolve));
    },
    /** Drafts this instance is writing now. */
    size(): number {
      return running.size;
    },
    /** 1 for the next draft to start (across every instance); undefined when it is not waiting (running, done, unknown). */
    async position(id: string): Promise<number | undefined> {
      const i = (await drafts.waiting()).indexOf(id);
      return i < 0 ? undefined : i + 1;
    },
  };
}
export type DraftingQueue = ReturnType<typeof createDraftingQueue>;

/** What a waiting draft shows, live on the websocket and on GET /api/drafts/:id. */
export const queuedProgress = (position: number) => ({ stage: 'queued' as const, message: `Queued: number ${position} in line` });
