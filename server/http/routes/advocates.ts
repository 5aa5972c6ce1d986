import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AdvocateDetail, AdvocateList, AdvocateListQuery, ProgramResponse, UpdateProgramBody } from '../../domain/api/advocates.js';
import { EraseAdvocateBody, ErasurePreview, ErasureResult } from '../../domain/api/erasure.js';
import { IdParams } from '../../domain/api/drafts.js';
import { MatchBody, MatchResponse } from '../../domain/api/match.js';
import { searchTerms, versionStamps } from '../../domain/advocate.js';
import { Consent, mayViewAdvocate, RecordConsentBody, seesWithoutConsent } from '../../domain/consent.js';
import { can } from '../../domain/user.js';
import { ApiError } from '../../domain/api/session.js';
import { notFound } from '../../domain/errors.js';
import { decodeCursor, toPage } from '../../domain/paging.js';
import { requirePermission, requireUser } from '../auth.js';
import type { AppContext } from '../context.js';

const errors = { 400: ApiError, 401: ApiError, 403: ApiError, 404: ApiError, 503: ApiError };

/** Approved advocates only: drafts never appear here, whatever the caller asks for. */
export const advocateRoutes: FastifyPluginAsyncZod<{ ctx: AppContext }> = async (app, { ctx }) => {
  const { stores, match, program, erasure } = ctx;

  // GET /api/advocates?q=&status=&consent=&limit=&cursor= — a page of summaries, most recently updated first.
  // Reps see only advocates whose consent is granted (mayViewAdvocate), filtered in SQL so that their pages
  // and totals never count the others; managers, admins and reviewers see all, with their consent.
  app.get(
    '/api/advocates',
    {
      schema: { tags: ['advocates'], querystring: AdvocateListQuery, response: { 200: AdvocateList, ...errors } },
      onRequest: requirePermission('advocates:read'),
    },
    async (req) => {
      const { role } = requireUser(req);
      const { q, status, consent, limit, cursor } = req.query;
      const all = seesWithoutConsent(role);
      const filter = { terms: searchTerms(q), status, consent, consentingOnly: !all };
      const page = await stores.advocates.page(filter, { limit, cursor: decodeCursor('advocates', cursor) });
      return { ...toPage('advocates', page, (a) => a), withoutConsent: all ? await stores.advocates.countWithoutConsent() : null };
    },
  );

  // GET /api/advocates/:id
  app.get(
    '/api/advocates/:id',
    { schema: { tags: ['advocates'], params: IdParams, response: { 200: AdvocateDetail, ...errors } }, onRequest: requirePermission('advocates:read') },
    async (req) => {
      const user = requireUser(req);
      const advocate = await stores.advocates.get(req.params.id);
      // Without consent an advocate does not exist for a rep: 404, not 403, so ids reveal nothing.
      if (!advocate || !mayViewAdvocate(user.role, advocate.consent)) throw notFound('Advocate');
      const versions = await stores.advocates.versions(advocate.id);
      // Stamps for everyone; the full versions (what the AI drafted, overrides) only for those who read drafts.
      const history = { history: versionStamps(versions), ...(can(user.role, 'drafts:read') ? { versions } : {}) };
      // Load for everyone; program settings (contact, cap, owner) and request history for managers/admins.
      return { ...advocate, ...history, ...(await program.advocates.detailFor(advocate.id, user)) };
    },
  );

  // POST /api/advocates/:id/program — engagement cap, account owner, private contact details
  app.post(
    '/api/advocates/:id/program',
    {
      schema: { tags: ['advocates'], params: IdParams, body: UpdateProgramBody, response: { 200: ProgramResponse, ...errors } },
      onRequest: requirePermission('advocates:manage'),
    },
    async (req) => program.advocates.update(req.params.id, req.body, requireUser(req)),
  );

  // POST /api/advocates/:id/consent — record consent given after approval, or withdraw it (audited)
  app.post(
    '/api/advocates/:id/consent',
    {
      schema: { tags: ['advocates'], params: IdParams, body: RecordConsentBody, response: { 200: Consent, ...errors, 409: ApiError } },
      onRequest: requirePermission('consent:manage'),
    },
    async (req) => program.advocates.recordConsent(req.params.id, req.body, requireUser(req)),
  );

  // GET /api/advocates/:id/erasure — what erasing this advocate deletes and keeps (admins)
  app.get(
    '/api/advocates/:id/erasure',
    {
      schema: { tags: ['erasure'], params: IdParams, response: { 200: ErasurePreview, ...errors } },
      onRequest: requirePermission('advocates:erase'),
    },
    async (req) => erasure.preview(req.params.id),
  );

  // POST /api/advocates/:id/erase — the right to erasure (admins): not undoable; 409 while requests are in flight
  app.post(
    '/api/advocates/:id/erase',
    {
      schema: { tags: ['erasure'], params: IdParams, body: EraseAdvocateBody, response: { 200: ErasureResult, ...errors, 409: ApiError } },
      onRequest: requirePermission('advocates:erase'),
    },
    async (req) => erasure.eraseAdvocate(req.params.id, req.body, requireUser(req)),
  );

  // POST /api/match
  app.post(
    '/api/match',
    { schema: { tags: ['match'], body: MatchBody, response: { 200: MatchResponse, ...errors } }, onRequest: requirePermission('match:run') },
    async (req) => {
      const response = await match.match(req.body.query, req.body.limit, { intent: req.body.intent, pinned: req.body.pinned });
      // Demand for /program: only reps' searches, and only their intent's segment (never the words or who).
      if (requireUser(req).role === 'rep') program.portfolio.observe(response);
      return response;
    },
  );
};
