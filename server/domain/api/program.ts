import { z } from 'zod';
import { CoverageReport, Target, TargetBody, UpdateTargetBody } from '../coverage.js';
import { Freshness, StaleList, VerifyAdvocateBody } from '../freshness.js';
import {
  AcceptNominationBody,
  CreateNominationBody,
  DeclineNominationBody,
  DuplicateNominationBody,
  Nomination,
  NominationList,
  NominationListQuery,
} from '../nomination.js';
import { ReportCsvQuery, ReportQuery, ValueReport } from '../value.js';

/**
 * The advocacy program around the advocates: nominations, fresh profiles, targets and coverage, value.
 * Every endpoint of /nominate and /program, with the schemas the routes, the UI client and OpenAPI share.
 */

// POST /api/nominations — anyone signed in (201: the nomination as its nominator sees it)
export { CreateNominationBody };
// GET /api/nominations?scope=mine|all&status= — `all` for managers and admins
export { NominationListQuery, NominationList };
// GET /api/nominations/:id — its nominator, managers and admins (others 404)
export const NominationResponse = Nomination;
// POST /api/nominations/:id/accept · /decline · /duplicate — managers and admins
export { AcceptNominationBody, DeclineNominationBody, DuplicateNominationBody };

// POST /api/advocates/:id/verify — managers and admins: verified with the customer (note), audited
export { VerifyAdvocateBody };
export const VerifyResponse = Freshness;
// GET /api/program/stale — profiles not verified for VOUCH_STALE_DAYS, oldest first
export const StaleQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(500).default(100) });
export { StaleList };

// GET /api/program/coverage — targets with have / want / gap, and the segments reps found few advocates in
export { CoverageReport };
// POST /api/program/targets — create (409 when the segment has one); POST /api/program/targets/:id — change `wanted`
export { TargetBody, UpdateTargetBody };
export const TargetResponse = Target;
// DELETE /api/program/targets/:id — 204

// GET /api/program/report?from&to — JSON; GET /api/program/report.csv?from&to&table=engagements|quarters|advocates
export { ReportCsvQuery, ReportQuery, ValueReport };
