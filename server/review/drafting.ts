import type { Draft, DraftError } from '../domain/draft.js';
import { alignEvidence, checkDraft } from '../domain/grounding.js';
import type { Drafter } from '../llm/types.js';
import type { EventBus } from '../events.js';
import type { DraftStore } from '../store/drafts.js';
import type { InterviewStore } from '../store/interviews.js';

/**
 * Writes drafts in the background with a concurrency limit, so a burst of pasted interviews keeps the
 * server responsive: extra drafts wait `queued` (their position is visible), none is dropped. A draft
 * whose drafter fails is marked `failed` with the reason; its interview is untouched and it can be retried.
 */
export function createDraftingQueue(deps: {
  drafter: Drafter;
  drafts: DraftStore;
  interviews: InterviewStore;
  bus: EventBus;
  concurrency: number;
  log: { error: (obj: object, msg: string) => void };
}) {
  const { drafter, drafts, interviews, bus } = deps;
  const waiting: string[] = [];
  const running = new Set<string>();
  const idleResolvers: (() => void)[] = [];

  const publish = (d: Pick<Draft, 'id' | 'status' | 'progress'> & { error?: DraftError }) =>
    bus.publish({ type: 'draft.updated', draft: d });

  async function run(id: string): Promise<void> {
    const started = performance.now();
    const fail = (error: DraftError) => {
      drafts.markFailed(id, error, performance.now() - started);
      publish({ id, status: 'failed', error });
    };
    try {
      const draft = drafts.get(id);
      const interview = draft && interviews.get(draft.interviewId);
      if (!draft || !interview) return;
      let lastWrite = 0;
      const outcome = await drafter.draft({
        text: interview.text,
        onProgress: (progress) => {
          // Progress goes to the browser every time, to the database at most every 500 ms.
          publish({ id, status: 'drafting', progress });
          if (performance.now() - lastWrite > 500) {
            lastWrite = performance.now();
            drafts.setProgress(id, progress);
          }
        },
      });
      if (!outcome.ok) return fail(outcome.error);
      publish({ id, status: 'drafting', progress: { stage: 'checking', fraction: 0.95 } });
      const evidence = alignEvidence(interview.text, outcome.profile, outcome.excerpts);
      const checks = checkDraft(interview.text, outcome.profile, evidence);
      drafts.markReady(id, {
        profile: outcome.profile,
        evidence,
        checks,
        promptId: outcome.promptId,
        promptVersion: outcome.promptVersion,
        durationMs: performance.now() - started,
      });
      publish({ id, status: 'ready', progress: { stage: 'done', fraction: 1 } });
    } catch (err) {
      deps.log.error({ err, draftId: id }, 'drafting crashed');
      fail({ code: 'internal', message: 'Drafting failed unexpectedly; the notes are kept. Retry the draft.', retryable: true });
    }
  }

  function pump(): void {
    while (running.size < deps.concurrency && waiting.length > 0) {
      const id = waiting.shift()!;
      running.add(id);
      void run(id).finally(() => {
        running.delete(id);
        pump();
      });
    }
    waiting.forEach((id, position) =>
      publish({ id, status: 'drafting', progress: queuedProgress(position + 1) }),
    );
    if (running.size === 0 && waiting.length === 0) idleResolvers.splice(0).forEach((r) => r());
  }

  return {
    provider: drafter.provider,
    model: drafter.model,
    enqueue(id: string): void {
      if (running.has(id) || waiting.includes(id)) return;
      waiting.push(id);
      pump();
    },
    /** Resolves when nothing is drafting (used by shutdown and tests). */
    idle(): Promise<void> {
      if (running.size === 0 && waiting.length === 0) return Promise.resolve();
      return new Promise((resolve) => idleResolvers.push(resolve));
    },
    size(): number {
      return running.size + waiting.length;
    },
    /** 1 for the next draft to start; undefined when the draft is not waiting (running, done, unknown). */
    position(id: string): number | undefined {
      const i = waiting.indexOf(id);
      return i < 0 ? undefined : i + 1;
    },
  };
}
export type DraftingQueue = ReturnType<typeof createDraftingQueue>;

/** What a waiting draft shows, live on the websocket and on GET /api/drafts/:id. */
export const queuedProgress = (position: number) => ({ stage: 'queued' as const, message: `Queued: number ${position} in line` });
