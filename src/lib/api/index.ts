/**
 * The one typed client of the Vouch HTTP API. Bodies are typed by the shared zod schemas in server/domain
 * ($domain) and every response is parsed with them; nothing here re-declares a contract type.
 */
import type { ApprovalOverride } from '$domain/approval';
import { Consent, type ApprovalConsent, type RecordConsentBody } from '$domain/consent';
import { z } from 'zod';
import {
  ChangePasswordResponse,
  CreateTokenResponse,
  MeResponse,
  SetPasswordResponse,
  SetupStatus,
  TokenList,
  UserList,
  type ChangePasswordBody,
  type CreateUserBody,
  type LoginBody,
  type SetPasswordBody,
  type SetupBody,
} from '$domain/api/session';
import { HealthResponse } from '$domain/api/health';
import {
  ApproveResponse,
  CreateInterviewResponse,
  DraftDetail,
  DraftList,
  type CreateInterviewBody,
} from '$domain/api/drafts';
import {
  AdvocateDetail,
  AdvocateList,
  ProgramResponse,
  type AdvocateConsentFilter,
  type UpdateProgramBody,
} from '$domain/api/advocates';
import type { AdvocateStatus } from '$domain/advocate';
import { ErasurePreview, ErasureResult, type EraseAdvocateBody, type EraseDraftBody } from '$domain/api/erasure';
import {
  RequestList,
  RequestResponse,
  type CompleteRequestBody,
  type CreateRequestBody,
} from '$domain/api/requests';
import type { RequestStatus } from '$domain/request';
import { MatchResponse, type MatchBody } from '$domain/api/match';
import { EvalRunDetail, EvalRunList } from '$domain/api/evals';
import {
  CoverageReport,
  NominationList,
  NominationResponse,
  StaleList,
  TargetResponse,
  ValueReport,
  VerifyResponse,
} from '$domain/api/program';
import type { TargetBody } from '$domain/coverage';
import type { CreateNominationBody, NominationStatus } from '$domain/nomination';
import type { DraftStatus } from '$domain/draft';
import type { ProfileFields } from '$domain/profile';
import { request } from './http';

export { ApiError, messageOf, issueFor, type FieldIssue } from './errors';
export { setCsrfToken, onUnauthorized } from './http';

/** Responses the contract leaves open (e.g. a created user): we only need the status. */
const Anything = z.unknown();

const post = (body?: unknown) => ({ method: 'POST' as const, body: body ?? {}, schema: Anything });
const enc = encodeURIComponent;
type QueryValue = string | number | readonly string[] | null | undefined;
/** `?a=1&b=2` from the fields that have a value ('' when none has); lists as `a,b`. */
const queryString = (q: Record<string, QueryValue>) => {
  const entries = Object.entries(q).flatMap(([k, v]): [string, string][] => {
    const value = Array.isArray(v) ? v.join(',') : v == null ? '' : String(v);
    return value ? [[k, value]] : [];
  });
  const qs = new URLSearchParams(entries);
  return qs.size ? `?${qs}` : '';
};

/** Paging of every list (server/domain/paging.ts): pass a page's nextCursor or prevCursor as `cursor`. */
export type PageParams = { limit?: number; cursor?: string | null };

export const api = {
  // setup and session
  setupStatus: () => request('/api/setup', { schema: SetupStatus }),
  setup: (body: SetupBody) => request('/api/setup', post(body)),
  login: (body: LoginBody) => request('/api/session', post(body)),
  logout: () => request('/api/session', { method: 'DELETE', schema: Anything }),
  me: () => request('/api/me', { schema: MeResponse }),

  // users and tokens
  listUsers: () => request('/api/users', { schema: UserList }),
  createUser: (body: CreateUserBody) => request('/api/users', post(body)),
  setUserPassword: (userId: string, body: SetPasswordBody) =>
    request(`/api/users/${enc(userId)}/password`, { method: 'POST', body, schema: SetPasswordResponse }),
  changePassword: (body: ChangePasswordBody) => request('/api/me/password', { method: 'POST', body, schema: ChangePasswordResponse }),
  createToken: (name: string) =>
    request('/api/tokens', { method: 'POST', body: { name }, schema: CreateTokenResponse }),
  listTokens: () => request('/api/tokens', { schema: TokenList }),
  revokeToken: (id: string) => request(`/api/tokens/${enc(id)}`, { method: 'DELETE', schema: Anything }),

  health: () => request('/api/health', { schema: HealthResponse }),

  // interviews and drafts
  createInterview: (body: CreateInterviewBody) =>
    request('/api/interviews', { method: 'POST', body, schema: CreateInterviewResponse }),
  /** The review queue (ready, drafting, failed) oldest first unless `status` says otherwise; counts per status. */
  listDrafts: (query: { status?: readonly DraftStatus[] } & PageParams = {}) =>
    request(`/api/drafts${queryString(query)}`, { schema: DraftList }),
  getDraft: (id: string) => request(`/api/drafts/${enc(id)}`, { schema: DraftDetail }),
  approveDraft: (id: string, profile?: ProfileFields, override?: ApprovalOverride, consent?: ApprovalConsent) =>
    request(`/api/drafts/${enc(id)}/approve`, {
      method: 'POST',
      body: { ...(profile ? { profile } : {}), ...(override ? { override } : {}), ...(consent ? { consent } : {}) },
      schema: ApproveResponse,
    }),
  rejectDraft: (id: string, reason: string) =>
    request(`/api/drafts/${enc(id)}/reject`, post({ reason })),
  retryDraft: (id: string) => request(`/api/drafts/${enc(id)}/retry`, post()),
  eraseDraft: (id: string, body: EraseDraftBody) =>
    request(`/api/drafts/${enc(id)}/erase`, { method: 'POST', body, schema: ErasureResult }),

  // advocates and matching
  /** A page of advocate summaries, most recently updated first; `q` searches name, title, company, industry, region, products. */
  listAdvocates: (
    query: { q?: string; status?: AdvocateStatus; consent?: AdvocateConsentFilter } & PageParams = {},
    signal?: AbortSignal,
  ) => request(`/api/advocates${queryString(query)}`, { schema: AdvocateList, signal }),
  getAdvocate: (id: string) => request(`/api/advocates/${enc(id)}`, { schema: AdvocateDetail }),
  match: (body: MatchBody, signal?: AbortSignal) =>
    request('/api/match', { method: 'POST', body, schema: MatchResponse, signal }),
  recordConsent: (advocateId: string, body: RecordConsentBody) =>
    request(`/api/advocates/${enc(advocateId)}/consent`, { method: 'POST', body, schema: Consent }),
  updateProgram: (advocateId: string, body: UpdateProgramBody) =>
    request(`/api/advocates/${enc(advocateId)}/program`, { method: 'POST', body, schema: ProgramResponse }),
  erasurePreview: (advocateId: string) => request(`/api/advocates/${enc(advocateId)}/erasure`, { schema: ErasurePreview }),
  eraseAdvocate: (advocateId: string, body: EraseAdvocateBody) =>
    request(`/api/advocates/${enc(advocateId)}/erase`, { method: 'POST', body, schema: ErasureResult }),

  // requests for advocates → engagements
  createRequest: (body: CreateRequestBody) => request('/api/requests', { method: 'POST', body, schema: RequestResponse }),
  listRequests: (query: { status?: readonly RequestStatus[]; advocateId?: string } & PageParams = {}) =>
    request(`/api/requests${queryString(query)}`, { schema: RequestList }),
  getRequest: (id: string) => request(`/api/requests/${enc(id)}`, { schema: RequestResponse }),
  approveRequest: (id: string, note?: string) =>
    request(`/api/requests/${enc(id)}/approve`, { method: 'POST', body: note ? { note } : {}, schema: RequestResponse }),
  declineRequest: (id: string, reason: string) =>
    request(`/api/requests/${enc(id)}/decline`, { method: 'POST', body: { reason }, schema: RequestResponse }),
  scheduleRequest: (id: string, scheduledFor: string) =>
    request(`/api/requests/${enc(id)}/schedule`, { method: 'POST', body: { scheduledFor }, schema: RequestResponse }),
  completeRequest: (id: string, body: CompleteRequestBody) =>
    request(`/api/requests/${enc(id)}/complete`, { method: 'POST', body, schema: RequestResponse }),

  // the program: nominations (everyone), triage, fresh profiles, targets and coverage, value (managers, admins)
  createNomination: (body: CreateNominationBody) => request('/api/nominations', { method: 'POST', body, schema: NominationResponse }),
  listNominations: (query: { scope?: 'mine' | 'all'; status?: readonly NominationStatus[] } & PageParams = {}) =>
    request(`/api/nominations${queryString(query)}`, { schema: NominationList }),
  getNomination: (id: string) => request(`/api/nominations/${enc(id)}`, { schema: NominationResponse }),
  acceptNomination: (id: string, note?: string) =>
    request(`/api/nominations/${enc(id)}/accept`, { method: 'POST', body: note ? { note } : {}, schema: NominationResponse }),
  declineNomination: (id: string, reason: string) =>
    request(`/api/nominations/${enc(id)}/decline`, { method: 'POST', body: { reason }, schema: NominationResponse }),
  markNominationDuplicate: (id: string, advocateId: string) =>
    request(`/api/nominations/${enc(id)}/duplicate`, { method: 'POST', body: { advocateId }, schema: NominationResponse }),
  verifyAdvocate: (advocateId: string, note: string) =>
    request(`/api/advocates/${enc(advocateId)}/verify`, { method: 'POST', body: { note }, schema: VerifyResponse }),
  staleProfiles: () => request('/api/program/stale', { schema: StaleList }),
  coverage: () => request('/api/program/coverage', { schema: CoverageReport }),
  createTarget: (body: TargetBody) => request('/api/program/targets', { method: 'POST', body, schema: TargetResponse }),
  updateTarget: (id: string, wanted: number) =>
    request(`/api/program/targets/${enc(id)}`, { method: 'POST', body: { wanted }, schema: TargetResponse }),
  deleteTarget: (id: string) => request(`/api/program/targets/${enc(id)}`, { method: 'DELETE', schema: Anything }),
  valueReport: (range: { from?: string; to?: string } = {}) => request(`/api/program/report${queryString(range)}`, { schema: ValueReport }),
  /** Where the browser downloads the CSV (a plain GET with the session cookie). */
  valueCsvUrl: (range: { from?: string; to?: string }, table: 'engagements' | 'quarters' | 'advocates') =>
    `/api/program/report.csv${queryString({ ...range, table })}`,

  // eval runs (read-only: `npm run eval` writes them)
  listEvalRuns: () => request('/api/evals/runs', { schema: EvalRunList }),
  getEvalRun: (id: string) => request(`/api/evals/runs/${enc(id)}`, { schema: EvalRunDetail }),
};
