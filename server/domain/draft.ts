import { z } from 'zod';
import { StoredProfile } from './profile.js';
import { DraftCheck, EvidenceSpan } from './evidence.js';

export const DRAFT_STATUSES = ['drafting', 'ready', 'approved', 'rejected', 'failed'] as const;
export const DraftStatus = z.enum(DRAFT_STATUSES);
export type DraftStatus = z.infer<typeof DraftStatus>;

export const LlmProvider = z.enum(['ollama', 'extractive']);
export type LlmProvider = z.infer<typeof LlmProvider>;

export const DraftProgress = z.object({
  stage: z.enum(['queued', 'reading', 'drafting', 'checking', 'done']),
  /** 0..1 when known. */
  fraction: z.number().min(0).max(1).optional(),
  message: z.string().optional(),
});
export type DraftProgress = z.infer<typeof DraftProgress>;

export const DraftError = z.object({
  code: z.enum(['model_missing', 'unreachable', 'timeout', 'invalid_output', 'model_error', 'internal']),
  message: z.string(),
  retryable: z.boolean(),
});
export type DraftError = z.infer<typeof DraftError>;

export const Draft = z.object({
  id: z.string(),
  interviewId: z.string(),
  status: DraftStatus,
  progress: DraftProgress.optional(),
  profile: StoredProfile.nullable(),
  evidence: z.array(EvidenceSpan),
  checks: z.array(DraftCheck),
  provider: LlmProvider,
  model: z.string(),
  promptId: z.string(),
  promptVersion: z.string(),
  error: DraftError.nullable(),
  durationMs: z.number().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  rejectReason: z.string().nullable(),
  advocateId: z.string().nullable(),
});
export type Draft = z.infer<typeof Draft>;

/** Which transitions a draft may make; anything else is a 409. */
const TRANSITIONS: Record<DraftStatus, readonly DraftStatus[]> = {
  drafting: ['ready', 'failed'],
  ready: ['approved', 'rejected', 'drafting'],
  failed: ['drafting'],
  approved: [],
  rejected: [],
};

export function canTransition(from: DraftStatus, to: DraftStatus): boolean {
  return TRANSITIONS[from].includes(to);
}
